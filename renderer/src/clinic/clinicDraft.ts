import type { Clinic } from '../../../shared/fields';
import type { INDIAN_STATES } from '../../../shared/specialities';

/** The clinic's details as typed, for first-run setup and the settings screen. */
export interface ClinicDraft {
  name: string;
  address: string;
  state: (typeof INDIAN_STATES)[number] | '';
  timeZone: string;
  gstin: string;
  phone: string;
  email: string;
}

export const INDIA_TIME_ZONE = 'Asia/Kolkata';

export const emptyClinic = (): ClinicDraft => ({ name: '', address: '', state: '', timeZone: INDIA_TIME_ZONE, gstin: '', phone: '', email: '' });

export const clinicDraftFrom = (c: Clinic): ClinicDraft => ({
  name: c.name, address: c.address, state: c.state, timeZone: c.timeZone, gstin: c.gstin ?? '', phone: c.phone ?? '', email: c.email ?? '',
});

export const clinicInput = (d: ClinicDraft): Clinic => ({
  name: d.name,
  address: d.address,
  state: d.state as Clinic['state'],
  timeZone: d.timeZone,
  gstin: d.gstin.trim() ? d.gstin : undefined,
  phone: d.phone.trim() ? d.phone : undefined,
  email: d.email.trim() ? d.email : undefined,
});

/**
 * Every zone this computer knows, India's first under its current name (Chromium and Node may list it only
 * under the old name, Asia/Calcutta, which is left out so India appears once). A saved zone missing from the
 * list is kept, so opening the settings never changes it silently.
 */
export function timeZoneChoices(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const rest = known.filter((z) => z !== INDIA_TIME_ZONE && z !== 'Asia/Calcutta');
  const extra = current && current !== INDIA_TIME_ZONE && !rest.includes(current) ? [current] : [];
  return [INDIA_TIME_ZONE, ...extra, ...rest];
}
