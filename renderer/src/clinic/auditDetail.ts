import type { TFunction } from 'i18next';

/** Detail values that are names from a fixed list (fields, windows, roles), shown in the reader's language. */
const NAMED: Record<string, string> = { changed: 'field', portal: 'portal', role: 'role', method: 'method' };

/** An audit entry's detail (a JSON object) as "label: value; label: value". */
export function auditDetailText(t: TFunction, detail: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!parsed || typeof parsed !== 'object') return detail;
  const show = (key: string, v: unknown): string => {
    if (typeof v === 'boolean') return t(v ? 'admin.audit.yes' : 'admin.audit.no');
    if (Array.isArray(v)) return v.map((x) => show(key, x)).join(', ');
    const list = NAMED[key];
    if (list && typeof v === 'string' && /^[A-Za-z_]+$/.test(v)) return t(`admin.audit.${list}.${v}`, { defaultValue: v });
    return String(v);
  };
  return Object.entries(parsed)
    .map(([k, v]) => `${t(`admin.audit.detail.${k}`, { defaultValue: k })}: ${show(k, v)}`)
    .join('; ');
}
