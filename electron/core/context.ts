import type { Transaction } from 'kysely';
import type { SessionUser } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import type { Portal, Role } from '../../shared/roles';
import type { AuditStore } from './audit/audit.store';
import type { Backups } from './backup/backup.service';
import type { Database } from './db/schema';
import type { Kysely } from 'kysely';
import type { DialectName } from './db/dialects';
import type { FileStore } from './files/file-store';
import type { KioskSeat } from './kiosk/kiosk-seat';
import type { LiveBus } from './live/bus';
import type { Keyring } from './secrets/keyring';
import type { SeatKey } from './secrets/seat-key';
import type { SeatSwitch } from './seat/seat-switch';
import type { UploadStore } from './uploads/upload-store';
import type { GoogleService } from './video/google-client';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What every service needs, passed in so tests can use a temp folder and a fixed clock. */
export interface Deps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  audit: AuditStore;
  /** bcrypt cost; 12 in the app, lower only where a test says so. */
  bcryptCost: number;
  log: (message: string) => void;
  /** The clinic key as this seat holds it, and the shared secrets it opens (SMTP password, audit key). */
  keyring: Keyring;
  seatKey: SeatKey;
  /** Tells a running mail sender that a message was queued, so it need not wait for its next turn. */
  wakeSender: () => void;
  /** Tells a running job worker that a job was queued. */
  wakeJobs: () => void;
  /** Google: its endpoints, the OAuth client of each connection, the connect attempts open on this seat. */
  google: GoogleService;
  /** Doctors' photos and other files: the data folder on SQLite, the `files` table on PostgreSQL (every seat sees them). */
  files: FileStore;
  /** Uploads on their way in, chunk by chunk (uploads/upload-store.ts). */
  uploads: UploadStore;
  /** Whether this computer is a kiosk (its data folder's setting, or the start flag). */
  kiosk: KioskSeat;
  /** What changed, for the screens watching (electron/core/live): services announce, the dispatcher sends on commit. */
  live: LiveBus;
  /** Backups of a single-seat clinic (backup/backup.service.ts); on a server they are the server's and every attempt says so. */
  backups: Backups;
  /** The running seat (absent when the core is opened on its own, as tests and the move command do): the first run may point it at a server. */
  seat?: SeatSwitch;
}

export interface Session {
  tokenHash: string;
  userId: number;
  /** The door (window) it was opened at. */
  portal: Portal;
  roles: Role[];
  mustChangePassword: boolean;
  /** The account as it stood when the call began (what `auth.session` answers). */
  user: SessionUser;
}

/** One call's view of the world: its transaction, its instant and (unless public) its caller. */
export interface Ctx {
  db: Transaction<Database>;
  now: Date;
  deps: Deps;
  session: Session | null;
  /** Runs after the transaction commits (e.g. moving the audit head kept outside the database). */
  afterCommit(fn: () => void): void;
  /** What the handler's `prepare` step worked out before the transaction (handlers/index.ts withPrepared). */
  prepared?: unknown;
}

export type AuthedCtx = Ctx & { session: Session };

/**
 * Runs `fn` in one transaction, as a call of its own (a dispatched call, or a background job recording what it
 * did): what it asked to run after the commit runs once the transaction has committed, and not if it rolls back.
 */
export async function inTransaction<T>(deps: Deps, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const after: (() => void)[] = [];
  const result = await deps.db.transaction().execute((trx) => fn({ db: trx, now: deps.clock.now(), deps, session: null, afterCommit: (f) => after.push(f) }));
  for (const f of after) f();
  return result;
}

/**
 * A refusal a person can act on. `keep` commits what the call wrote before refusing (a failed login must
 * still count towards the lockout); otherwise the transaction rolls back and nothing changes.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { keep?: boolean; fields?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export function requireSession(ctx: Ctx): Session {
  if (!ctx.session) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
  return ctx.session;
}

/** Whether the caller works at the front desk (which acts for any patient, where a patient acts for their family). */
export const isDesk = (ctx: Ctx) => requireSession(ctx).roles.includes('front_desk');
