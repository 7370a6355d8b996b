import { contract, type ChannelName, type Input } from '../../shared/contract';
import { doctorCredentials, patientProfile, PASSWORD, settingsInput, setupInput, staffInput } from './data';

type Path = (string | number)[];

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A copy of `value` with the member at `path` ('profile.address.pinCode') replaced, or removed with `remove`. */
export function withPath<T>(value: T, path: string | Path, replacement: unknown, remove = false): T {
  const keys = typeof path === 'string' ? path.split('.') : path;
  const out = copy(value) as Record<string | number, unknown>;
  let node = out;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = keys[keys.length - 1]!;
  if (remove) delete node[last];
  else node[last] = replacement;
  return out as T;
}

export const channelNames = Object.keys(contract) as ChannelName[];

/** One valid input per channel (a missing channel does not compile): the base the malformed payloads vary. */
export const validInputs = (): { [C in ChannelName]: Input<C> } => ({
  'setup.status': {},
  'assistant.ask': { text: 'What are the symptoms of dengue?', language: 'en' },
  'alerts.list': {},
  'alerts.count': {},
  'alerts.handle': { alertId: 1 },
  'setup.complete': setupInput(true),
  'seat.status': {},
  'seat.connect': {
    host: 'db.sunrise.example', port: 5432, database: 'medlink', user: 'medlink', password: PASSWORD,
    caCertificate: '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2Fy\n-----END CERTIFICATE-----',
  },
  'clinicKey.enrol': { recoveryCode: 'K7QF-29XD-M3PA-K7QF-29XD-M3PA-K7QF-29XD-M3PA-K7QF-29XD-M3PA-K7QF-29XD' },
  'clinicKey.recoveryCode': { password: PASSWORD },
  'clinicKey.protection': {},
  'auth.login': { email: 'someone@example.in', password: PASSWORD, portal: 'patient' },
  'auth.session': {},
  'auth.logout': {},
  'auth.changePassword': { currentPassword: PASSWORD, newPassword: 'a-brand-new-passphrase' },
  'patients.signup': { profile: patientProfile({ bloodGroup: 'O+', emergencyContactPhone: '9822033333' }), password: PASSWORD },
  'patients.me': {},
  'patients.updateMe': patientProfile({ allergies: 'Penicillin' }),
  'patients.search': { query: 'Asha' },
  'patients.get': { patientId: 1 },
  'doctors.signup': { email: 'new.doctor@example.in', password: PASSWORD, credentials: doctorCredentials({ bio: 'Family physician.' }), invitationCode: 'K7QF-29XD-M3PA' },
  'doctors.me': {},
  'doctors.resubmit': doctorCredentials(),
  'doctors.directory': {},
  'admin.pendingDoctors': {},
  'admin.decideDoctor': { doctorId: 1, decision: 'reject', reason: 'Registration number not found in the council register.' },
  'admin.listStaff': {},
  'admin.createStaff': staffInput(),
  'admin.resetPassword': { email: 'someone@example.in' },
  'admin.unlockAccount': { email: 'someone@example.in' },
  'auth.confirmSignup': { email: 'new.patient@example.in', code: '408317', portal: 'patient' },
  'auth.forgotPassword': { email: 'someone@example.in', portal: 'patient' },
  'auth.resetWithCode': { email: 'someone@example.in', code: '408317', newPassword: 'a-brand-new-password', portal: 'patient' },
  'admin.auditLog': { action: 'auth.login', actorEmail: 'a@b.in', patientId: 1, from: '2026-01-01', to: '2026-03-01', beforeId: 10 },
  'admin.verifyAudit': {},
  'settings.get': {},
  'settings.update': settingsInput({ gstin: '27AAPFU0939F1ZV' }),
  'mail.settings': {},
  'mail.saveSettings': { host: 'smtp.example.in', port: 587, security: 'starttls', user: 'clinic@example.in', password: 'app-password-1', from: 'clinic@example.in' },
  'mail.sendTest': { to: 'someone@example.in' },
  'mail.queue': { status: 'dead', beforeId: 10 },
  'mail.retry': { id: 1 },
  'availability.get': {},
  'availability.save': {
    settings: { slotMinutes: 15, bufferMinutes: 5, minNoticeMinutes: 120, horizonDays: 60 },
    weekly: [{ weekday: 1, ranges: [{ start: '09:00', end: '13:00', modes: ['in_person', 'online'] }] }],
  },
  'availability.setException': { date: '2026-03-10', ranges: [{ start: '10:00', end: '12:00', modes: ['online'] }] },
  'availability.removeException': { date: '2026-03-10' },
  'holidays.list': {},
  'holidays.set': { date: '2026-03-14', name: 'Holi' },
  'holidays.remove': { date: '2026-03-14' },
  'doctors.slots': { doctorId: 1, fromDate: '2026-03-03', toDate: '2026-03-09' },
  'appointments.book': { doctorId: 1, start: '2026-03-03T04:30:00.000Z', mode: 'in_person', reason: 'Fever for three days', patientId: 1 },
  'appointments.reschedule': { appointmentId: 1, start: '2026-03-04T04:30:00.000Z', mode: 'online' },
  'appointments.cancel': { appointmentId: 1, reason: 'Feeling better now' },
  'appointments.setStatus': { appointmentId: 1, status: 'checked_in' },
  'appointments.mine': {},
  'appointments.schedule': { fromDate: '2026-03-02', toDate: '2026-03-08' },
  'appointments.history': { appointmentId: 1 },
  'appointments.blockTime': { start: '2026-03-05T06:30:00.000Z', end: '2026-03-05T08:30:00.000Z', reason: 'Surgery' },
  'appointments.unblock': { blockId: 1 },
  'patients.registerWalkIn': { fullName: 'Ramesh Patil', phone: '9822044444', email: 'ramesh@example.in', state: 'Maharashtra', ageYears: 62, sex: 'male' },
  'patients.linkAccount': { walkInPatientId: 2, accountPatientId: 1, identityChecked: true },
  'desk.board': { date: '2026-03-03' },
  'print.dayList': { date: '2026-03-03' },
  'print.slip': { appointmentId: 1 },
  'print.myDay': { fromDate: '2026-03-03', toDate: '2026-03-03' },
  'doctors.myProfile': {},
  'doctors.updateProfile': { bio: 'Family physician.', languages: ['English', 'Hindi'], showEmail: true, showPhone: false },
  // A 1×1 PNG.
  'doctors.uploadPhoto': { base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==' },
  'doctors.removePhoto': {},
  'admin.inviteDoctor': { email: 'invited.doctor@example.in', fullName: 'Dr Farah Sheikh' },
  'admin.invitations': {},
  'doctors.invitation': { code: 'K7QF-29XD-M3PA' },
  'admin.listDoctors': {},
  'admin.suspendDoctor': { doctorId: 1, reason: 'Registration lapsed; renewal awaited.' },
  'admin.reinstateDoctor': { doctorId: 1 },
  'admin.suspendedAppointments': {},
  'kiosk.status': {},
  'kiosk.checkIn': { method: 'phone', phone: '9850012345', dateOfBirth: '1990-04-12' },
  'kiosk.configure': { enabled: true },
  'kiosk.leave': {},
  'backup.status': {},
  'backup.saveSettings': { folder: '/tmp/medlink-backups', time: '18:00' },
  'backup.start': {},
  'backup.sets': {},
  'backup.restore': { name: 'medlink-backup-2026-03-02T04-30-00Z' },
  'backup.findSets': { path: '/tmp/medlink-no-backups' },
  'backup.restoreNew': { folder: '/tmp/medlink-no-backups', name: 'medlink-backup-2026-03-02T04-30-00Z', recoveryCode: 'A'.repeat(56) },
  'backup.warning': {},
  'doctors.search': { text: 'cardiology pune', speciality: 'cardiology', mode: 'online', language: 'Hindi', availableOn: '2026-03-03', sort: 'next_slot' },
  'doctors.profile': { doctorId: 1 },
  'doctors.addDocument': { uploadId: UPLOAD_ID, kind: 'registration', title: 'Maharashtra Medical Council certificate' },
  'doctors.removeDocument': { documentId: 1 },
  'doctors.document': { documentId: 1 },
  'uploads.begin': { purpose: 'record', name: 'cbc-report.pdf', size: 48_213 },
  'uploads.chunk': { uploadId: UPLOAD_ID, index: 0, base64: 'JVBERi0xLjcK' },
  'uploads.cancel': { uploadId: UPLOAD_ID },
  'records.add': { uploadId: UPLOAD_ID, title: 'Complete blood count', category: 'lab_report', recordDate: '2026-02-20', shareWith: [1] },
  'records.mine': { category: 'lab_report', from: '2026-01-01', to: '2026-03-01', doctorId: 1 },
  'records.trash': {},
  'records.delete': { recordId: 1 },
  'records.restore': { recordId: 1 },
  'records.share': { recordId: 1, doctorId: 1 },
  'records.unshare': { recordId: 1, doctorId: 1 },
  'records.file': { recordId: 1 },
  'export.patient': { patientId: 1 },
  'records.accessLog': {},
  'records.myPatients': {},
  'records.patientChart': { patientId: 1 },
  'records.findPatient': { phone: '9822033333' },
  'records.emergencyAccess': { patientId: 1, reason: 'Unconscious in casualty; allergies needed.' },
  'admin.emergencyAccesses': {},
  'consultations.get': { appointmentId: 1 },
  'consultations.save': {
    appointmentId: 1,
    notes: 'Viral fever, day three. Fluids and rest.',
    items: [{ medicine: 'Paracetamol', strength: '500 mg', dose: '1 tablet', frequency: 'Every 6 hours if fever', duration: '3 days', instructions: 'After food' }],
  },
  'consultations.mine': {},
  'prescriptions.pdf': { appointmentId: 1 },
  'video.settings': {},
  'video.saveSettings': { clientId: '123-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret', jitsiServer: 'https://meet.jit.si', fallbackMinutes: 10 },
  'google.connection': { calendar: 'clinic' },
  'google.connect': { calendar: 'mine' },
  'google.disconnect': { calendar: 'clinic' },
  'video.useOwnLink': { appointmentId: 1, url: 'https://us02web.zoom.us/j/81234567890' },
  'video.newLink': { appointmentId: 1 },
  'video.jobs': {},
  'video.retryJob': { id: 1 },
  'family.list': { holderPatientId: 1 },
  'family.add': { fullName: 'Aarav Kulkarni', relation: 'child', dateOfBirth: '2019-06-02', sex: 'male', allergies: 'Peanuts', holderPatientId: 1 },
  'family.update': { patientId: 2, fullName: 'Aarav Kulkarni', relation: 'child', ageYears: 6, sex: 'male', bloodGroup: 'B+' },
  'family.invite': { patientId: 2, email: 'aarav@example.in' },
  'waitlist.join': { doctorId: 1, patientId: 1, fromDate: '2026-03-03', toDate: '2026-03-10', dayParts: ['morning', 'evening'], reason: 'Follow-up' },
  'waitlist.leave': { entryId: 1 },
  'waitlist.mine': {},
  'waitlist.ofDoctor': { doctorId: 1 },
  'waitlist.take': { offerId: 1, mode: 'in_person', reason: 'Follow-up' },
  'waitlist.decline': { offerId: 1 },
  'series.check': { doctorId: 1, patientId: 1, mode: 'in_person', starts: ['2026-03-03T04:30:00.000Z', '2026-03-10T04:30:00.000Z'], seriesId: 1 },
  'series.book': { doctorId: 1, patientId: 1, mode: 'in_person', starts: ['2026-03-03T04:30:00.000Z', '2026-03-10T04:30:00.000Z'], everyWeeks: 1, reason: 'Dressing change' },
  'series.get': { seriesId: 1 },
  'series.move': { seriesId: 1, moves: [{ appointmentId: 1, start: '2026-03-04T04:30:00.000Z' }] },
  'series.cancel': { seriesId: 1, reason: 'Wound has healed' },
  'fees.mine': {},
  'fees.saveMine': { own: { consultation_in_person: 60_000, medication: 15_000 } },
  'billing.settings': {},
  'billing.saveSettings': {
    fees: { consultation_in_person: 50_000, consultation_online: 40_000, lab_test: 30_000, medication: 20_000, other: 10_000 },
    taxes: { consultation: { rateBp: 0, code: '999312' }, lab_test: { rateBp: 1800, code: '999316' }, medication: { rateBp: 1200, code: '3004' }, other: { rateBp: 1800, code: '999319' } },
  },
  'bills.open': { appointmentId: 1 },
  'bills.get': { billId: 1 },
  'bills.saveDraft': { billId: 1, lines: [{ description: 'Consultation (in person)', category: 'consultation', quantity: 1, unitPaise: 50_000 }], patientLatinName: 'Asha Kulkarni' },
  'bills.issue': { billId: 1, lines: [{ description: 'Consultation (in person)', category: 'consultation', quantity: 1, unitPaise: 50_000 }], doctorLatinName: 'Dr Rohan Mehta' },
  'bills.pay': { billId: 1, method: 'upi', amountPaise: 25_000, reference: 'UPI-604512' },
  'bills.creditNote': { billId: 1, reason: 'Charged the wrong consultation fee.', refundPaise: 25_000, refundMethod: 'cash', refundReference: 'Counter 1' },
  'bills.list': { filter: 'unpaid', patientId: 1 },
  'bills.mine': {},
  'bills.document': { billId: 1, which: 'receipt' },
  'bills.collections': { date: '2026-03-02' },
  'bills.export': { from: '2026-03-01', to: '2026-03-31' },
  'healthServices.catalogue': {},
  'healthServices.all': {},
  'healthServices.save': { id: 1, kind: 'health_package', name: 'Full body check-up', description: 'Blood sugar, lipids, liver and kidney tests.', pricePaise: 249_900, category: 'lab_test', active: true },
  'orders.place': { serviceId: 1, note: 'Saturday morning, please.' },
  'orders.mine': {},
  'orders.list': { status: 'requested' },
  'orders.confirm': { orderId: 1, date: '2026-03-07' },
  'orders.done': { orderId: 1 },
  'orders.cancel': { orderId: 1, reason: 'No longer needed.' },
  'orders.history': { orderId: 1 },
  'readings.add': { measure: 'blood_pressure', value: 128, diastolic: 82, pulse: 72, takenAt: '2026-03-02T02:30:00.000Z', note: 'Before breakfast' },
  'readings.import': { csv: 'date,time,measure,value,unit,diastolic,pulse,note\r\n2026-03-01,07:30,glucose_fasting,112,mg/dL,,,\r\n', goodLinesOnly: false },
  'monitoring.mine': { range: '30d' },
  'monitoring.defaults': {},
  'monitoring.enrol': { patientId: 1, heightCm: 165, measures: [{ measure: 'blood_pressure', everyDays: 1, low: 90, high: 130, low2: 60, high2: 80 }] },
  'monitoring.patients': {},
  'monitoring.patient': { patientId: 1, range: '3m' },
  'monitoring.alerts': { handled: false },
  'monitoring.acknowledge': { alertId: 1, note: 'Called the patient; dose adjusted.' },
  'monitoring.summaryPdf': { patientId: 1, range: '3m' },
  'monitoring.logVisit': { patientId: 1, visitedOn: '2026-03-01', kind: 'home', notes: 'Feet checked; insulin technique reviewed.' },
});

const UPLOAD_ID = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';

export interface Malformed {
  label: string;
  payload: unknown;
}

const HUGE = 'x'.repeat(1024 * 1024);

/** Values of the wrong kind for a member holding `value`: never acceptable whatever the field. */
function wrongValues(value: unknown): [string, unknown][] {
  const common: [string, unknown][] = [['null', null], ['array', []], ['object', {}], ['boolean', true]];
  if (typeof value === 'number') return [...common, ['string', '12'], ['fraction', 1.5], ['negative', -1], ['NaN', NaN], ['Infinity', Infinity]];
  if (typeof value === 'string') return [...common, ['number', 12345], ['1 MB string', HUGE], ['a lone surrogate', `${value}\ud800x`]];
  if (Array.isArray(value)) return [['null', null], ['object', {}], ['string', 'x'], ['number', 1], ['array of junk', [42, null]]];
  return [['null', null], ['array', []], ['string', 'x'], ['number', 1], ['1 MB string', HUGE]];
}

/** Keys that must never reach an object: each added as an own, enumerable property (as JSON.parse makes it). */
function dangerousKeys(): [string, unknown][] {
  return [
    ['__proto__', { polluted: 1 }],
    ['constructor', { prototype: { polluted: 1 } }],
    ['prototype', { polluted: 1 }],
    ['unexpected', 1],
  ];
}

function addOwn(target: unknown, path: Path, key: string, value: unknown): unknown {
  const out = copy(target) as Record<string, unknown>;
  const node = path.reduce<Record<string | number, unknown>>((n, k) => n[k] as Record<string | number, unknown>, out);
  Object.defineProperty(node, key, { value: copy(value), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Every member of `value` with its path, containers included, depth first. */
function members(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const key = Array.isArray(value) ? Number(k) : k;
    return [{ path: [...path, key], value: v }, ...members(v, [...path, key])];
  });
}

const objectPaths = (value: unknown): Path[] => [
  [],
  ...members(value).filter((m) => typeof m.value === 'object' && m.value !== null && !Array.isArray(m.value)).map((m) => m.path),
];

function deep(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

/**
 * Malformed versions of a valid input, each of which the contract must refuse: the whole payload of the wrong
 * kind, every member of the wrong kind or oversized, dangerous and unknown keys at every level, cyclic and
 * absurdly deep payloads. Removing members is in `withoutMembers` (a removed optional member is still valid).
 */
export function malformed(base: unknown): Malformed[] {
  const cyclic: Record<string, unknown> = copy(base) as Record<string, unknown>;
  cyclic.self = cyclic;
  const out: Malformed[] = [
    // null and undefined are how a screen sends "no input"; they are checked on their own.
    ...wrongValues(base).filter(([, v]) => v !== null).map(([kind, payload]) => ({ label: `payload is ${kind}`, payload })),
    { label: 'JSON with __proto__', payload: JSON.parse('{"__proto__":{"polluted":1}}') },
    { label: 'JSON with nested __proto__', payload: JSON.parse('{"a":{"b":[{"__proto__":{"polluted":1}}]}}') },
    { label: 'cyclic payload', payload: cyclic },
    { label: '10000 levels deep', payload: deep(10_000) },
  ];
  for (const m of members(base)) {
    for (const [kind, v] of wrongValues(m.value)) out.push({ label: `${m.path.join('.')} is ${kind}`, payload: withPath(base, m.path, v) });
  }
  for (const path of objectPaths(base)) {
    for (const [key, v] of dangerousKeys()) out.push({ label: `${[...path, key].join('.')} added`, payload: addOwn(base, path, key, v) });
  }
  return out;
}

/** `base` with one member removed, for every member. */
export const withoutMembers = (base: unknown): Malformed[] =>
  members(base).map((m) => ({ label: `${m.path.join('.')} missing`, payload: withPath(base, m.path, undefined, true) }));
