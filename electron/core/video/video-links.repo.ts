import type { Kysely, Selectable } from 'kysely';
import { writeLater } from '../db/dialects';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type VideoLinkRow = Selectable<Database['video_links']>;

export const linkOf = (db: Db, appointmentId: number) =>
  db.selectFrom('video_links').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();

/**
 * An appointment's link, created or replaced (a new generation). Whoever writes it has the link in hand and reads
 * none of it back in its transaction: put off on PostgreSQL (writeLater).
 */
export function putLink(db: Db, row: VideoLinkRow): Promise<void> {
  const { appointment_id, ...rest } = row;
  return writeLater(db, db.insertInto('video_links').values(row).onConflict((oc) => oc.column('appointment_id').doUpdateSet(rest)));
}

/**
 * Changes a link only if it is still the generation the caller worked on (a job's answer from Google must not
 * overwrite a link the doctor replaced meanwhile). True when it did.
 */
export async function updateLink(db: Db, appointmentId: number, generation: number, set: Partial<Omit<VideoLinkRow, 'appointment_id'>>): Promise<boolean> {
  const r = await db.updateTable('video_links').set(set).where('appointment_id', '=', appointmentId).where('generation', '=', generation).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Appointments whose Google link is still being made on this calendar. */
export const pendingOnCalendar = (db: Db, owner: string) =>
  db.selectFrom('video_links').select('appointment_id').where('calendar_owner', '=', owner).where('state', '=', 'pending').execute();
