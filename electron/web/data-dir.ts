import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Electron's app.getPath('userData') would put MedLink's data, so both modes open the same clinic. */
export function defaultDataDir(): string {
  if (process.env.MEDLINK_DATA_DIR) return process.env.MEDLINK_DATA_DIR;
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'MedLink');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'MedLink');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'MedLink');
}
