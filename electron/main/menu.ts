import type { MenuItemConstructorOptions } from 'electron';

/** Role items only, so the OS supplies translated labels and shortcuts. Reload and dev tools in development only. */
export function menuTemplate(options: { isDev: boolean; isMac: boolean }): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
  ];
  if (options.isDev) template.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] });
  template.push({ label: 'Help', role: 'help', submenu: [{ role: 'about' }] });
  if (options.isMac) template.unshift({ role: 'appMenu' });
  return template;
}
