import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type ServiceRow = Selectable<Database['health_services']>;

export const allServices = (db: Db) => db.selectFrom('health_services').selectAll().orderBy('name').execute();
export const activeServices = (db: Db) => db.selectFrom('health_services').selectAll().where('active', '=', 1).orderBy('name').execute();
export const serviceById = (db: Db, id: number) => db.selectFrom('health_services').selectAll().where('id', '=', id).executeTakeFirst();

export const serviceNamed = (db: Db, name: string) =>
  db.selectFrom('health_services').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();

export async function insertService(db: Db, row: Insertable<Database['health_services']>): Promise<number> {
  const { id } = await db.insertInto('health_services').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const updateService = (db: Db, id: number, set: Updateable<Database['health_services']>) =>
  db.updateTable('health_services').set(set).where('id', '=', id).execute();
