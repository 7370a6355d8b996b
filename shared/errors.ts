/** Stable error codes the renderer translates; the English message travels with them for logs and tests. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_CHANNEL'
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'BAD_CREDENTIALS'
  | 'LOCKED'
  | 'WRONG_PORTAL'
  | 'EMAIL_TAKEN'
  | 'PASSWORD_WEAK'
  | 'PASSWORD_COMMON'
  | 'PASSWORD_WRONG'
  | 'SETUP_DONE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SLOT_TAKEN'
  | 'SLOT_UNAVAILABLE'
  | 'TOO_LATE'
  | 'NOT_YET'
  | 'PATIENT_BUSY'
  | 'CODE_WRONG'
  | 'TOO_MANY'
  | 'UNAVAILABLE'
  | 'NOT_ENROLLED'
  | 'FILE_ALTERED'
  | 'INTERNAL';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Per-field message keys (see the `validation` catalog section), for inline errors. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };
