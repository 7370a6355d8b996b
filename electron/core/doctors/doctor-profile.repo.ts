import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export const setProfile = (
  db: Db,
  id: number,
  p: { bio: string | null; languages: string[]; showEmail: boolean; showPhone: boolean; nowIso: string },
) =>
  db
    .updateTable('doctor_info')
    .set({ bio: p.bio, languages: JSON.stringify(p.languages), show_email: p.showEmail ? 1 : 0, show_phone: p.showPhone ? 1 : 0, updated_at: p.nowIso })
    .where('id', '=', id)
    .execute();

export const setPhoto = (db: Db, id: number, fileId: string | null, nowIso: string) =>
  db.updateTable('doctor_info').set({ photo_file: fileId, updated_at: nowIso }).where('id', '=', id).execute();
