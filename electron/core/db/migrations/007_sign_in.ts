import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

// Sign-in hardening: failures counted per door (the patient window and the clinic window lock separately, so a
// kiosk cannot lock a doctor out of the clinic), wrong password confirmations counted per account, and codes
// mailed to an address (a sign-up held until its owner types the code; a forgotten password).
export const m007SignIn: Migration = {
  version: 7,
  async up(db: Kysely<any>) {
    // Only live lockouts are lost by starting the table afresh: at most fifteen minutes of them.
    await db.schema.dropTable('login_failures').execute();
    await db.schema
      .createTable('login_failures')
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('door', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('login_failures_pk', ['email', 'door'])
      .execute();

    await db.schema.alterTable('users').addColumn('confirm_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();

    await db.schema
      .createTable('mailed_codes')
      // A random id, never shown.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('signup', 'reset')`))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('door', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      // What the code opens (a sign-up as typed, its password already hashed; the account to reset); null when the
      // address has no such thing to open (its owner was told instead, or there is no account), so no code works.
      .addColumn('payload', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mailed_codes_email').on('mailed_codes').columns(['purpose', 'email', 'door']).execute();
    await db.schema.createIndex('mailed_codes_created').on('mailed_codes').columns(['purpose', 'door', 'created_at']).execute();
  },
};
