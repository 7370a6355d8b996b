// What medical records, credential documents and prescriptions are made of, shared by the contract and the screens.

/** What a patient's record is. */
export const RECORD_CATEGORIES = ['lab_report', 'prescription', 'imaging', 'discharge_summary', 'other'] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

/** What a doctor's credential document proves. */
export const DOCUMENT_KINDS = ['degree', 'registration', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The kinds of file MedLink keeps, told by their content. */
export const STORED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain'] as const;
export type StoredType = (typeof STORED_TYPES)[number];

/** What an upload is for: a patient's record, or a doctor's credential document. */
export const UPLOAD_PURPOSES = ['record', 'credential'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** Bytes per upload chunk: base64 in JSON stays well under the browser-mode server's 5 MB body limit. */
export const CHUNK_BYTES = 512 * 1024;

/** The default and the largest limit an administrator may set for one uploaded file, in MB. */
export const DEFAULT_UPLOAD_LIMIT_MB = 25;
export const MAX_UPLOAD_LIMIT_MB = 100;

/** Days a deleted record stays in the trash before it is removed for good. */
export const TRASH_DAYS = 30;

/** Minutes a doctor's emergency access to a patient's records lasts. */
export const EMERGENCY_MINUTES = 60;
