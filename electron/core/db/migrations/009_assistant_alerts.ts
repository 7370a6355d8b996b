import type { Kysely } from 'kysely';
import { idColumn, type DialectName } from '../dialects';
import type { Migration } from './index';

// Red flags the health assistant met: the clinic's list of urgent alerts, open until someone marks one handled.
export const m009AssistantAlerts: Migration = {
  version: 9,
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('assistant_alerts')
      .addColumn('id', 'integer', idColumn(dialect))
      .addColumn('at', 'text', (c) => c.notNull())
      // Null when asked without signing in (a kiosk).
      .addColumn('patient_id', 'integer', (c) => c.references('patient_info.id'))
      // What the patient typed, and the red flags it raised (a JSON array of ids).
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('flags', 'text', (c) => c.notNull())
      .addColumn('handled_at', 'text')
      .addColumn('handled_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('assistant_alerts_open').on('assistant_alerts').columns(['handled_at', 'at']).execute();
  },
};
