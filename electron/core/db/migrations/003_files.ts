import type { Kysely } from 'kysely';
import type { DialectName } from '../dialects';
import type { Migration } from './index';

// The file store's table. A multi-seat clinic (PostgreSQL) keeps its files here, so every seat sees every
// file; a single-seat clinic (SQLite) keeps them in the data folder and leaves this table empty, until a move
// to PostgreSQL copies them in.
export const m003Files: Migration = {
  version: 3,
  async up(db: Kysely<any>, dialect: DialectName) {
    await db.schema
      .createTable('files')
      // A generated UUID, never a name a person chose.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      // Hex sha256 of the bytes, checked on every read.
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
