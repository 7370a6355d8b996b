import { sql, type Kysely, type QueryCreator } from 'kysely';
import type { Role } from '../../../shared/roles';
import { readAhead, writeLater, type DialectName, type ReadAhead } from '../db/dialects';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface NewUser {
  email: string;
  fullName: string;
  phone: string;
  passwordHash: string;
  mustChangePassword: boolean;
  language: string;
  roles: Role[];
}

export async function insertUser(db: Db, u: NewUser, nowIso: string): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      email: u.email,
      full_name: u.fullName,
      phone: u.phone,
      password_hash: u.passwordHash,
      must_change_password: u.mustChangePassword ? 1 : 0,
      language: u.language,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values(u.roles.map((role) => ({ user_id: id, role }))).execute();
  return id;
}

export const emailTaken = async (db: Db, email: string) =>
  !!(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst());

export const userByEmail = (db: Db, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

export const userById = (db: Db, id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function rolesOf(db: Db, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role as Role);
}

export const usersWithRole = (db: Db, role: Role) =>
  db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.full_name', 'users.email', 'users.phone', 'users.created_at'])
    .where('user_roles.role', '=', role)
    .orderBy('users.full_name')
    .execute();

export const anyAdmin = async (db: Db) =>
  !!(await db.selectFrom('user_roles').select('user_id').where('role', '=', 'admin').limit(1).executeTakeFirst());

export const setPassword = (db: Db, userId: number, hash: string, mustChange: boolean, nowIso: string) =>
  db
    .updateTable('users')
    .set({ password_hash: hash, must_change_password: mustChange ? 1 : 0, updated_at: nowIso })
    .where('id', '=', userId)
    .execute();

export const setUserContact = (db: Db, userId: number, c: { fullName: string; phone: string; language?: string }, nowIso: string) =>
  db
    .updateTable('users')
    .set({ full_name: c.fullName, phone: c.phone, ...(c.language ? { language: c.language } : {}), updated_at: nowIso })
    .where('id', '=', userId)
    .execute();

// Sessions: only a hash of the token is stored, so a copied database opens no session.
// A new session is used only by the calls after the one that opened it: put off on PostgreSQL (writeLater).
export const insertSession = (db: Db, s: { tokenHash: string; userId: number; portal: string; nowIso: string }) =>
  writeLater(
    db,
    db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, portal: s.portal, created_at: s.nowIso, last_seen_at: s.nowIso, ended_at: null }),
  );

const none = <T>(name: string) => sql<T | null>`null`.as(name);

/**
 * The open session behind a token hash, its account and the clinic's settings, in one statement: one row per
 * role of the account (role null when it has none), then one row per setting (key and value set, the rest null).
 * `qc` may carry a WITH for the whole statement, which the second part must not repeat.
 */
const sessionRows = (db: Db, tokenHash: string, qc: QueryCreator<Database> = db) =>
  qc
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .select([
      's.user_id', 's.portal', 's.created_at', 's.last_seen_at', 'u.full_name', 'u.email', 'u.language', 'u.must_change_password', 'r.role',
      none<string>('key'), none<string>('value'),
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.ended_at', 'is', null)
    .unionAll(
      db
        .selectFrom('settings')
        .select([
          none<number>('user_id'), none<string>('portal'), none<string>('created_at'), none<string>('last_seen_at'), none<string>('full_name'),
          none<string>('email'), none<string>('language'), none<number>('must_change_password'), none<string>('role'), 'key', 'value',
        ]) as never,
    );

export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionRows>['execute']>>[number];

/** A session's activity, recorded if last recorded before `staleBefore`. */
const touchSession = (db: Db, tokenHash: string, touch: Touch) =>
  db.updateTable('sessions').set({ last_seen_at: touch.nowIso }).where('token_hash', '=', tokenHash).where('ended_at', 'is', null).where('last_seen_at', '<', touch.staleBefore);
export interface Touch {
  nowIso: string;
  staleBefore: string;
}

/**
 * What the dispatcher needs of a call's caller, in one statement: the rows of sessionRows, and with `touch` the
 * session's activity recorded along (the rows read show the activity as it was before). On PostgreSQL the statement
 * goes with the call's next one, or alone when the rows are asked for first (readAhead).
 */
export const sessionForCall = (db: Db, dialect: DialectName, tokenHash: string, touch?: Touch): Promise<ReadAhead<SessionRow>> =>
  readAhead(db, dialect, (qc) => sessionRows(db, tokenHash, qc), touch && touchSession(db, tokenHash, touch));

/** The session's activity recorded once the call has found it still open: put off on PostgreSQL (writeLater). */
export const touchLater = (db: Db, tokenHash: string, touch: Touch) => writeLater(db, touchSession(db, tokenHash, touch));

/** An account and its roles, one row per role, in one statement: by id, or by email with its password's hash. */
export const userWithRoles = (db: Db, id: number) =>
  db
    .selectFrom('users as u')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'u.email', 'u.language', 'u.must_change_password', 'r.role'])
    .where('u.id', '=', id)
    .execute();

const userWithRolesByEmail = (db: Db, email: string) =>
  db
    .selectFrom('users as u')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'u.email', 'u.language', 'u.must_change_password', 'u.password_hash', 'r.role'])
    .where('u.email', '=', email);

const failuresAt = (db: Db, email: string, door: string) =>
  db.selectFrom('login_failures').selectAll().where('email', '=', email).where('door', '=', door);

/**
 * What a sign-in reads, as reads that go together (dialects.ts readTogether): the address's failures at the door,
 * the account with its roles and password hash (one row per role), and the clinic's settings (its session's idle
 * limit).
 */
export const signInReads = (db: Db, email: string, door: string) => ({
  failures: failuresAt(db, email, door),
  account: userWithRolesByEmail(db, email),
  settings: db.selectFrom('settings').selectAll(),
});

/** The account behind an open session: its id and password hash. */
export const userOfSession = (db: Db, tokenHash: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.password_hash'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.ended_at', 'is', null)
    .executeTakeFirst();

export const endSession = (db: Db, tokenHash: string, nowIso: string) =>
  db.updateTable('sessions').set({ ended_at: nowIso }).where('token_hash', '=', tokenHash).execute();

export const endSessionsOf = (db: Db, userId: number, nowIso: string, exceptHash?: string) => {
  let q = db.updateTable('sessions').set({ ended_at: nowIso }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (exceptHash) q = q.where('token_hash', '!=', exceptHash);
  return q.execute();
};

// Failed logins are counted per email address and door (portal) whether or not an account has the address.
/** Nothing reads a door's count again in the call that saves it: put off on PostgreSQL (writeLater). */
export const saveFailures = (db: Db, email: string, door: string, failures: number, lockedUntil: string | null, nowIso: string) =>
  writeLater(
    db,
    db
      .insertInto('login_failures')
      .values({ email, door, failures, locked_until: lockedUntil, updated_at: nowIso })
      .onConflict((oc) => oc.columns(['email', 'door']).doUpdateSet({ failures, locked_until: lockedUntil, updated_at: nowIso })),
  );

/**
 * Every door's count and lock for the address (a right password, a reset, the administrator's unlock); nothing
 * reads them again in that call, so it is put off on PostgreSQL (writeLater).
 */
export const clearFailures = (db: Db, email: string) => writeLater(db, db.deleteFrom('login_failures').where('email', '=', email));

export const setConfirmFailures = (db: Db, userId: number, failures: number) =>
  db.updateTable('users').set({ confirm_failures: failures }).where('id', '=', userId).execute();
