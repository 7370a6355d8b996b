import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** In the postgres project: a new, empty database for one clinic; elsewhere null (the clinic uses SQLite). */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const clusterUrl = inject('postgresUrl');
  if (!clusterUrl) return null;
  const name = `medlink_${randomBytes(6).toString('hex')}`;
  await admin(clusterUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(clusterUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
