import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialects';
import type { Database } from '../schema';
import { m001Foundation } from './001_foundation';
import { m002Scheduling } from './002_scheduling';
import { m003Files } from './003_files';
import { m004BookingNumbers } from './004_booking_numbers';
import { m005HeldTime } from './005_held_time';
import { m006AuditPatients } from './006_audit_patients';
import { m007SignIn } from './007_sign_in';
import { m008Video } from './008_video';
import { m009AssistantAlerts } from './009_assistant_alerts';
import { m010CheckIn } from './010_check_in';
import { m011Records } from './011_records';
import { m012Billing } from './012_billing';
import { m013Family } from './013_family';
import { m014Waitlist } from './014_waitlist';
import { m015Series } from './015_series';
import { m016Backups } from './016_backups';
import { m017Monitoring } from './017_monitoring';
import { m018MonitoringCare } from './018_monitoring_care';
import { m019MailRenderedWhenSent } from './019_mail_rendered_when_sent';
import { m020UnsearchableDoctors } from './020_unsearchable_doctors';

export interface Migration {
  version: number;
  up(db: Kysely<Database>, dialect: DialectName): Promise<void>;
}

/** Every migration, in order; statically imported so a packaged app cannot miss one. */
export const MIGRATIONS: readonly Migration[] = [
  m001Foundation, m002Scheduling, m003Files, m004BookingNumbers, m005HeldTime, m006AuditPatients, m007SignIn, m008Video, m009AssistantAlerts,
  m010CheckIn, m011Records, m012Billing, m013Family, m014Waitlist, m015Series, m016Backups, m017Monitoring, m018MonitoringCare,
  m019MailRenderedWhenSent, m020UnsearchableDoctors,
];
// The last migration's version.
export const LATEST_VERSION = MIGRATIONS.at(-1)!.version;

export class NewerDatabaseError extends Error {
  constructor(found: number) {
    super(
      `This data folder was written by a newer MedLink (database version ${found}; this copy knows up to ${LATEST_VERSION}). ` +
        'Install the newer MedLink to open it; nothing was changed.',
    );
  }
}

/** Runs the pending migrations in one transaction: the database is either fully upgraded or untouched. */
export async function migrate(db: Kysely<Database>, dialect: DialectName, now: Date): Promise<number> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const row = await db.selectFrom('schema_migrations').select(sql<number>`max(version)`.as('v')).executeTakeFirst();
  const current = row?.v ?? 0;
  if (current > LATEST_VERSION) throw new NewerDatabaseError(current);
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  await db.transaction().execute(async (trx) => {
    for (const m of pending) {
      await m.up(trx, dialect);
      await trx.insertInto('schema_migrations').values({ version: m.version, applied_at: now.toISOString() }).execute();
    }
  });
  return LATEST_VERSION;
}
