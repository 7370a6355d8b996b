import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialects';
import type { Migration } from './index';

// Gapless clinic-wide numbers (counters.repo.ts takes them) and the booking number every appointment carries.
export const m004BookingNumbers: Migration = {
  version: 4,
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      // The last number handed out.
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();

    // SQLite adds a column only without a table constraint: added empty, filled in id order, then made unique.
    await db.schema.alterTable('appointments').addColumn('number', 'integer').execute();
    await sql`update appointments set number = (select count(*) from appointments earlier where earlier.id <= appointments.id)`.execute(db);
    await db.schema.createIndex('appointments_number').on('appointments').column('number').unique().execute();
    // SQLite cannot add NOT NULL to an existing column; there the repo's insert type is what always gives one.
    if (dialect === 'postgres') await sql`alter table appointments alter column number set not null`.execute(db);
    await sql`insert into counters (name, value) select 'appointment', coalesce(max(number), 0) from appointments`.execute(db);
  },
};
