import type { Kysely } from 'kysely';
import type { Migration } from './index';

// The kiosk: each appointment's check-in code (found among the day's appointments, so an index on it) and the
// queue number its check-in gave; and the images an email carries inline (the check-in code's QR code).
export const m010CheckIn: Migration = {
  version: 10,
  async up(db: Kysely<any>) {
    await db.schema.alterTable('appointments').addColumn('check_in_code', 'text').execute();
    await db.schema.alterTable('appointments').addColumn('queue_number', 'integer').execute();
    await db.schema.createIndex('appointments_check_in_code').on('appointments').column('check_in_code').execute();
    // A JSON list of { cid, filename, contentType, base64 }: small images the HTML shows by cid:, sent with the message.
    await db.schema.alterTable('outbox').addColumn('inline_images', 'text').execute();
  },
};
