import type { TFunction } from 'i18next';
import type { MODES, SearchResult } from '../../../shared/contract';
import { formatRupees } from '../../../shared/money';
import { formatList } from '../ui/format';

export type Mode = (typeof MODES)[number];

/** "In person", "Online (video)". */
export const modeLabel = (t: TFunction, mode: Mode) => t(`booking.mode.${mode}`);

/** "In person or online" in the reader's language. */
export const modesLabel = (t: TFunction, modes: readonly Mode[], language: string) =>
  formatList(modes.map((m) => modeLabel(t, m)), language, 'unit');

/** ["In person: ₹500.00", "Online (video): ₹400.00"]: the consultation fee of each kind of visit the doctor offers. */
export const feeLines = (t: TFunction, d: Pick<SearchResult, 'fees' | 'modes'>) =>
  (d.modes.length ? d.modes : (['in_person', 'online'] as const)).map((m) => `${modeLabel(t, m)}: ${formatRupees(d.fees[m])}`);

/** Initials for a doctor without a photo: "Dr. Rohan Mehta" → "RM". */
export const initials = (name: string) =>
  name
    .replace(/^(dr|mr|mrs|ms)\.?\s+/i, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
