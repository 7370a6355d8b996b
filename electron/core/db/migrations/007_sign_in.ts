import type { Kysely } from 'kysely';
import type { Migration } from './index';

// Sign-in hardening: failures counted per door (the patient window and the clinic window lock separately, so a
// kiosk cannot lock a doctor out of the clinic), wrong password confirmations counted per account, and sign-ups
// held until the address's owner types the code mailed to it.
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
      .createTable('signup_requests')
      // A random id, never shown.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('door', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      // The sign-up as typed, its password already hashed; null when the address already had an account (its
      // owner was mailed instead, and no code opens this request).
      .addColumn('payload', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('signup_requests_email').on('signup_requests').columns(['email', 'door']).execute();
    await db.schema.createIndex('signup_requests_created').on('signup_requests').column('created_at').execute();
  },
};
