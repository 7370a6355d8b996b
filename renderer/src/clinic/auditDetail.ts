import type { TFunction } from 'i18next';
import { AUDIT_NAMED_VALUES, AUDIT_REFS, type AuditDetailKey } from '../../../shared/audit';
import type { useDates } from '../ui/format';

type Dates = ReturnType<typeof useDates>;

/** How each kind of id in a detail is shown once the log has resolved it (refs from admin.auditLog). */
const REF_KIND: Partial<Record<AuditDetailKey, string>> = AUDIT_REFS;
const DATE_KEYS = new Set<string>(['date', 'from', 'to']);
const INSTANT_KEYS = new Set<string>(['start', 'end', 'until']);

interface Range {
  start: string;
  end: string;
  modes?: string[];
}

/** An audit entry's detail (a JSON object) as "Label: value; Label: value", every part in the reader's language. */
export function auditDetailText(t: TFunction, detail: string, refs: Record<string, string>, dates: Dates): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!parsed || typeof parsed !== 'object') return detail;

  const range = (r: Range) =>
    `${dates.clock(r.start)}–${dates.clock(r.end)}${r.modes?.length ? ` (${r.modes.map((m) => t(`booking.mode.${m}`)).join(', ')})` : ''}`;
  const ranges = (rs: Range[]) => (rs.length === 0 ? t('admin.audit.dayOff') : rs.map(range).join(', '));

  const show = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return t(v ? 'admin.audit.yes' : 'admin.audit.no');
    if (key === 'ranges' && Array.isArray(v)) return ranges(v as Range[]);
    if (key === 'weekly' && Array.isArray(v)) {
      return (v as { weekday: number; ranges: Range[] }[]).map((d) => `${dates.weekday((d.weekday + 6) % 7)} ${ranges(d.ranges)}`).join('; ') || t('admin.audit.noHours');
    }
    if (Array.isArray(v)) return v.map((x) => show(key, x)).join(', ');
    const kind = REF_KIND[key as AuditDetailKey];
    if (kind) return refs[`${kind}:${String(v)}`] ?? t(`admin.audit.ref.${kind}`, { id: String(v) });
    const list = AUDIT_NAMED_VALUES[key as keyof typeof AUDIT_NAMED_VALUES];
    if (list && typeof v === 'string') return t(`admin.audit.${list}.${v}`, { defaultValue: v });
    if (DATE_KEYS.has(key) && typeof v === 'string') return dates.day(v);
    if (INSTANT_KEYS.has(key) && typeof v === 'string') return dates.dateTime(v);
    return String(v);
  };
  return Object.entries(parsed)
    .map(([k, v]) => `${t(`admin.audit.detail.${k}`, { defaultValue: k })}: ${show(k, v)}`)
    .join('; ');
}
