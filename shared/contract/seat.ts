import { z } from 'zod';
import * as f from '../fields';
import { channel, none, ok } from './channel';

// Which database this computer (seat) uses, and the first-run step that points it at the clinic's database server.

export const SEAT_DATABASES = ['this_computer', 'server'] as const;

/** A PEM certificate (or a chain of them), never a private key pasted by mistake. */
const caCertificate = z
  .string({ error: 'ca_invalid' })
  .trim()
  .max(65_536, 'too_long')
  .refine((v) => !/PRIVATE KEY-----/.test(v), 'ca_private_key')
  .refine((v) => /^-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----(?:\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----)*$/.test(v), 'ca_invalid');

/** The clinic's PostgreSQL server as its administrator hands it over: address, database, account, and its CA. */
export const serverAddress = z.strictObject({
  host: f.hostName('db_host_required', 'db_host_invalid'),
  port: f.port,
  // Plain names only: they travel inside a postgres:// address, where other characters would need escaping.
  database: z.string({ error: 'database_required' }).trim().min(1, 'database_required').max(63, 'too_long').regex(/^[A-Za-z0-9_-]+$/, 'database_invalid'),
  user: z.string({ error: 'db_user_required' }).trim().min(1, 'db_user_required').max(63, 'too_long').regex(/^[A-Za-z0-9_.@-]+$/, 'db_user_invalid'),
  /** Absent for a server that trusts this computer without one. */
  password: z.string({ error: 'invalid' }).max(500, 'too_long').optional(),
  /** With it the connection is encrypted and the server must prove it is the clinic's (sslmode=verify-full). */
  caCertificate: caCertificate.optional(),
});
export type ServerAddress = z.output<typeof serverAddress>;

export const seatChannels = {
  'seat.status': channel({
    input: none,
    output: z.object({
      database: z.enum(SEAT_DATABASES),
      /** True only on a first run with the clinic on this computer: the one time a seat may be pointed at a server. */
      canConnect: z.boolean(),
    }),
    roles: 'public',
  }),
  'seat.connect': channel({ input: serverAddress, output: ok, roles: 'public' }),
} as const;
