import { MEASURES } from './monitoring';
import { VIDEO_PROVIDERS } from './video';

// What an audit row's detail may say. record() takes only these keys, so every detail the code can write has
// wording in the log's screen in every language (tests/renderer/catalogs.test.ts checks each one).

export const AUDIT_DETAIL_KEYS = [
  // people and things, shown by name or number (the log resolves the ids when it is read)
  'userId', 'doctorId', 'doctorIds', 'patientIds', 'appointmentId', 'blockId',
  // sign-in
  'email', 'portal', 'door', 'minutes', 'why', 'role', 'computer',
  // the clinic and its settings
  'clinic', 'adminIsDoctor', 'changed', 'registration', 'reason', 'query',
  // walk-ins linked to an account; family members and whose account holds them
  'walkInPatientId', 'accountPatientId', 'appointments', 'matched', 'holderPatientId',
  // dates, times and hours
  'date', 'name', 'from', 'to', 'start', 'end', 'ranges', 'weekly', 'slotMinutes', 'bufferMinutes', 'minNoticeMinutes', 'horizonDays',
  // records, files and a doctor's way to them
  'recordId', 'documentId', 'fileId', 'kind', 'via', 'emergency', 'until', 'count', 'phone', 'medicines',
  // video consultations: whose Google calendar, where a new link comes from
  'calendar', 'provider',
  // the health assistant's urgent alerts, and monitoring's
  'alertId', 'measure',
  // the kiosk
  'enabled', 'method',
  // bills, payments, credit notes, health-service orders (amounts in paise, shown in rupees)
  'billId', 'number', 'creditNote', 'paidBy', 'amountPaise', 'totalPaise', 'refundPaise', 'orderId', 'bills', 'creditNotes',
] as const;
export type AuditDetailKey = (typeof AUDIT_DETAIL_KEYS)[number];
export type AuditDetail = Partial<Record<AuditDetailKey, unknown>>;

/** Details holding ids, and the kind of record each names: the log shows them by name or booking number. */
export const AUDIT_REFS = {
  userId: 'user', doctorId: 'doctor', doctorIds: 'doctor', patientIds: 'patient', walkInPatientId: 'patient', accountPatientId: 'patient',
  holderPatientId: 'patient', appointmentId: 'appointment',
} as const satisfies Partial<Record<AuditDetailKey, string>>;

/** Details whose values are names from a fixed list, shown in the reader's language: the detail key → its list. */
export const AUDIT_NAMED_VALUES = {
  changed: 'field', portal: 'portal', door: 'portal', role: 'role', why: 'why', matched: 'matched', via: 'via', kind: 'documentKind',
  calendar: 'calendar', provider: 'provider', method: 'method', paidBy: 'paymentMethod', measure: 'measure',
} as const;

/** The values each named list can hold (`changed` holds the names of the fields a change touched). */
export const AUDIT_VALUE_LISTS: Record<(typeof AUDIT_NAMED_VALUES)[keyof typeof AUDIT_NAMED_VALUES], readonly string[]> = {
  field: [
    // clinic settings
    'name', 'address', 'state', 'timeZone', 'gstin', 'sessionIdleMinutes', 'cancelCutoffMinutes', 'reminderHours', 'checkInOpensMinutes', 'uploadLimitMb',
    'emergencyNumber', 'kioskIdleSeconds', 'waitlistHoldMinutes',
    // backups
    'backup.folder', 'backup.time',
    // email settings
    'mail.host', 'mail.port', 'mail.security', 'mail.user', 'mail.password', 'mail.from',
    // video settings
    'google.clientId', 'google.clientSecret', 'video.jitsiServer', 'video.fallbackMinutes',
    // a patient's or a doctor's profile
    'fullName', 'email', 'phone', 'dateOfBirth', 'sex', 'bloodGroup', 'allergies', 'medicalHistory', 'chronicConditions', 'currentMedications',
    'emergencyContactName', 'emergencyContactPhone', 'preferredLanguage', 'bio', 'languages', 'showEmail', 'showPhone', 'photo', 'relation',
    // a doctor's details that need no new verification
    'hospital', 'experienceYears',
    // a doctor's own fees; the clinic's default fees, GST rates and SAC/HSN codes (billing/billing-settings.ts)
    ...['consultation_in_person', 'consultation_online', 'lab_test', 'medication', 'other'].map((k) => `fee_${k}`),
    ...['consultation', 'lab_test', 'medication', 'other'].flatMap((c) => [`gst_${c}`, `sac_${c}`]),
  ],
  portal: ['patient', 'clinic'],
  role: ['patient', 'doctor', 'front_desk', 'admin'],
  why: ['sign_in', 'confirmations'],
  matched: ['phone', 'email'],
  via: ['appointment', 'shared', 'emergency', 'monitoring'],
  documentKind: ['degree', 'registration', 'other'],
  calendar: ['clinic', 'doctor'],
  provider: VIDEO_PROVIDERS,
  method: ['code', 'phone'],
  paymentMethod: ['cash', 'card', 'upi'],
  measure: MEASURES,
};
