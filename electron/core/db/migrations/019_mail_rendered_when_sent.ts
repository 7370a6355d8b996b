import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialects';
import type { Migration } from './index';

// Emails are rendered when they are sent: an outbox row keeps what its message is written from (outbox.service
// renderRow), not its subject, bodies and images. Rows queued before keep their rendered message in the same column.
export const m019MailRenderedWhenSent: Migration = {
  version: 19,
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema.alterTable('outbox').addColumn('content', 'text').execute();
    // In pages, so a clinic's years of sent mail never sit in memory at once.
    for (let after = 0; ; ) {
      const rows = await db
        .selectFrom('outbox')
        .select(['id', 'subject', 'text_body', 'html_body', 'inline_images'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        const rendered = { subject: r.subject, text: r.text_body, html: r.html_body, inlineImages: JSON.parse(r.inline_images ?? '[]') };
        await db.updateTable('outbox').set({ content: JSON.stringify({ rendered }) }).where('id', '=', r.id).execute();
      }
      after = rows.at(-1)!.id;
    }
    for (const column of ['subject', 'text_body', 'html_body', 'inline_images']) await db.schema.alterTable('outbox').dropColumn(column).execute();
    if (dialect === 'postgres') await sql`alter table outbox alter column content set not null`.execute(db);
  },
};
