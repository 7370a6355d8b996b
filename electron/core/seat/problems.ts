import type { ServerAddress } from '../../../shared/contract/seat';
import { connectionProblem, isUnreachable } from '../db/dialects';
import { NewerDatabaseError } from '../db/migrations/index';
import type { DatabaseChoice } from './seat-file';
import { serverLocation } from './server-url';

/** Why a server could not be opened: the sentence for people, whether waiting can mend it, and the field of the connect form it concerns. */
export interface ServerProblem {
  message: string;
  retry: boolean;
  field: keyof ServerAddress;
  /** A key of the `validation` catalog section. */
  key: string;
}

type PgError = Error & { code?: string; hostname?: string };

/** createApp wraps what it recognises (unreachable, TLS) around pg's own error; the codes are on that. */
const rootCause = (e: unknown): PgError | null => ((e instanceof Error && e.cause instanceof Error ? e.cause : e) as PgError | null);

/** Explains why `url` could not be opened; never repeats the address's password. */
export function describeProblem(e: unknown, url: string): ServerProblem {
  const err = rootCause(e);
  const code = err?.code ?? '';
  const detail = err?.message ?? String(err);
  const at = serverLocation(url) ?? 'the given address';
  const host = at.replace(/:\d+$/, '');
  if (e instanceof NewerDatabaseError) {
    return { retry: false, field: 'database', key: 'server_newer', message: `The clinic's database at ${at} was written by a newer MedLink. Install that MedLink on this computer too; nothing was changed.` };
  }
  const tls = connectionProblem(err, url);
  if (tls) {
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return { retry: false, field: 'host', key: 'server_name_mismatch', message: tls };
    if (/does not support SSL/i.test(detail)) return { retry: false, field: 'caCertificate', key: 'server_no_tls', message: tls };
    return { retry: false, field: 'caCertificate', key: 'server_tls_refused', message: tls };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { retry: true, field: 'host', key: 'server_not_found', message: `No computer named ${host} was found on the network (${code}). Check the server's name and this computer's network connection.` };
  }
  if (isUnreachable(err)) {
    return {
      retry: true, field: 'host', key: 'server_unreachable',
      message: `The clinic's database server at ${at} cannot be reached (${code || detail}). Check that the server is switched on, that its address and port are right, and that this computer is on the clinic's network.`,
    };
  }
  // 28P01: wrong password (or user); pg says the second when the server wants a password and none was given.
  if (code === '28P01' || /client password must be a string/i.test(detail)) {
    return { retry: false, field: 'password', key: 'server_password_wrong', message: `The clinic's database server at ${at} refused the user name or password.` };
  }
  if (code === '28000') {
    return { retry: false, field: 'user', key: 'server_not_allowed', message: `The clinic's database server at ${at} does not let this user connect from this computer (${detail}). Whoever runs the server can allow it in pg_hba.conf.` };
  }
  if (code === '3D000') {
    return { retry: false, field: 'database', key: 'server_database_missing', message: `The clinic's database server at ${at} has no such database (${detail}). Check its name, or have it created on the server.` };
  }
  if (code === '42501') {
    return { retry: false, field: 'user', key: 'server_no_rights', message: `This user may not create MedLink's tables in the database at ${at} (${detail}). Whoever runs the server can make the user the database's owner.` };
  }
  return { retry: false, field: 'host', key: 'server_refused', message: `The clinic's database server at ${at} could not be opened (${detail}).` };
}

/** What a seat says while it cannot open its database: every call answers with this until it can. */
export function startProblem(e: unknown, choice: Exclude<DatabaseChoice, { kind: 'invalid' }>, dataDir: string): { message: string; retry: boolean } {
  if (choice.kind === 'sqlite') {
    const why = e instanceof NewerDatabaseError ? e.message : `MedLink could not open the clinic's database in ${dataDir} (${(e as Error | null)?.message ?? String(e)}).`;
    return { retry: false, message: why };
  }
  const problem = describeProblem(e, choice.url);
  return problem.retry
    ? { retry: true, message: `${problem.message} MedLink keeps trying.` }
    : { retry: false, message: `${problem.message} Once that is put right, start MedLink again (this computer's database address is set in ${choice.setIn}).` };
}
