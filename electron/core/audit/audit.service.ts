import { createHmac } from 'node:crypto';
import { AUDIT_REFS, type AuditDetail } from '../../../shared/audit';
import type { AuditAction, AuditEntry } from '../../../shared/contract';
import type { Ctx } from '../context';
import type { Database } from '../db/schema';
import type { Kysely } from 'kysely';
import { holdsLock, isTakenKey, lockWithNext, readTogether, type DialectName, type ReadRows, type Reads } from '../db/dialects';
import type { AuditStore } from './audit.store';
import * as repo from './audit.repo';

const GENESIS = 'genesis';
/** The lock every append takes (with its read of the chain's end; a transaction may take it earlier with serialize()): one chain across every seat. */
export const AUDIT_LOCK = 'audit_log';

export interface AuditEvent {
  action: AuditAction;
  /** Who did it; null when nobody is signed in (a failed login, sign-up). */
  actorId: number | null;
  /** Whose health data it concerns, when it does. */
  patientId?: number | null;
  detail?: AuditDetail;
}

/**
 * A screen that showed patients' data to someone else: one row naming every patient shown (none shown, no row).
 * One patient is the row's patient; several are listed in its detail and in audit_patients.
 */
export async function recordView(ctx: Ctx, event: Omit<AuditEvent, 'patientId'> & { actorId: number }, patientIds: Iterable<number>): Promise<void> {
  const patients = [...new Set(patientIds)].sort((a, b) => a - b);
  if (patients.length === 0) return;
  if (patients.length === 1) return record(ctx, { ...event, patientId: patients[0] });
  await append(ctx, { ...event, detail: { ...event.detail, patientIds: patients } }, patients);
}

type Row = Database['audit_log'];

function rowHash(key: Buffer, r: Omit<Row, 'hash'>): string {
  const content = JSON.stringify([r.id, r.at, r.actor_user_id, r.action, r.patient_id, r.detail, r.prev_hash]);
  return createHmac('sha256', key).update(content).digest('hex');
}

/** Appends inside the caller's transaction; the head outside the database moves only once it commits. */
export async function record(ctx: Ctx, event: AuditEvent): Promise<void> {
  await append(ctx, event);
}

// The chain's last row as this transaction left it: its rows are put off (writeLater), and its second append links
// to its first without reading it back.
const tails = new WeakMap<Kysely<Database>, { id: number; hash: string }>();

/** The chain's last row as read by the caller while holding the log's lock (none: the log is empty), sparing append's read. */
export function knowAuditTail(ctx: Ctx, last: { id: number; hash: string } | undefined): void {
  if (holdsLock(ctx.db, ctx.deps.dialect, AUDIT_LOCK) && !tails.has(ctx.db)) tails.set(ctx.db, last ?? { id: 0, hash: GENESIS });
}

/**
 * Reads for a call that records what it found (a view of patients, a sign-in): the audit log's lock is taken before
 * them and its last row read with them, in one round trip on PostgreSQL, sparing record() its own. Only for a call
 * that takes no diary's lock after it (lockDiaries: a diary's lock comes before the audit log's). `list`: as readTogether's.
 */
export async function readBeforeRecording<R extends Reads>(ctx: Ctx, reads: R, list?: keyof R & string): Promise<ReadRows<R>> {
  const { auditTail, ...rows } = await readTogether(ctx.db, ctx.deps.dialect, { ...reads, auditTail: repo.lastEntry(ctx.db) }, [AUDIT_LOCK], list);
  knowAuditTail(ctx, (auditTail as { id: number; hash: string }[])[0]);
  return rows as unknown as ReadRows<R>;
}

type Tail = { id: number; hash: string } | undefined;

/**
 * Reads, before a call's transaction, for a call that will record what it found (a sign-in): the chain's last row
 * first, with no lock, then the rest. The call may go on with them (continueFrom) if what they read changes only
 * with an append to the log: whatever changed after the chain's end was read has appended after it.
 */
export async function readAheadOfRecording<R extends Reads>(db: Kysely<Database>, dialect: DialectName, reads: R): Promise<ReadRows<R> & { auditTail: Tail }> {
  // SQLite runs the reads one by one, in this order.
  const { auditTail, ...rows } = await readTogether(db, dialect, { auditTail: repo.lastEntry(db), ...reads });
  return { ...(rows as unknown as ReadRows<R>), auditTail: (auditTail as { id: number; hash: string }[])[0] };
}

/**
 * Goes on from the chain's end readAheadOfRecording found: the call's appends follow it, and the log's lock goes with
 * the commit (no round trip of its own). Had anything appended since, the commit finds the next number taken and
 * fails (tailMoved), and the call is run again, reading under the lock. False when this seat's own head is past that
 * end already: then the caller reads under the lock now.
 */
export async function continueFrom(ctx: Ctx, tail: Tail): Promise<boolean> {
  if ((ctx.deps.audit.readHead()?.head.id ?? 0) > (tail?.id ?? 0)) return false;
  await lockWithNext(ctx.db, ctx.deps.dialect, AUDIT_LOCK);
  knowAuditTail(ctx, tail);
  return true;
}

/** Whether a call failed because another appended to the chain after the end it went on from (continueFrom). */
export const tailMoved = (e: unknown) => isTakenKey(e, 'audit_log');

/** `patientIds`: the several patients a view showed, named in audit_patients beside the entry. */
async function append(ctx: Ctx, event: AuditEvent, patientIds: number[] = []): Promise<void> {
  // One chain across every seat: appends queue at this lock until the transaction that holds it ends.
  const last = tails.get(ctx.db) ?? (await repo.lockedLastEntry(ctx.db, ctx.deps.dialect, AUDIT_LOCK));
  // Never reuse a number the head has seen: after a deleted tail the next row leaves a gap verify reports,
  // instead of quietly growing a new tail over the evidence.
  const head = ctx.deps.audit.readHead()?.head;
  const row: Omit<Row, 'hash'> = {
    id: Math.max(last?.id ?? 0, head?.id ?? 0) + 1,
    at: ctx.now.toISOString(),
    actor_user_id: event.actorId,
    action: event.action,
    patient_id: event.patientId ?? null,
    detail: JSON.stringify(event.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS,
  };
  const hash = rowHash(ctx.deps.keyring.auditKey(), row);
  await repo.insertEntry(ctx.db, ctx.deps.dialect, { ...row, hash }, patientIds);
  tails.set(ctx.db, { id: row.id, hash });
  ctx.afterCommit(() => ctx.deps.audit.writeHead({ id: row.id, hash }));
}

export type AuditProblem = { id: number | null; problem: 'edited' | 'missing' | 'tail_missing' | 'head_mismatch' | 'head_unsealed' };

/**
 * Walks the chain: an edited row fails its keyed hash, a deleted row breaks the next row's link, a deleted
 * tail or a chain rebuilt from scratch no longer reaches the sealed head kept outside the database. What it
 * can prove ends at the head: rows after it (appended since this seat last moved its head, or by other seats)
 * are counted as not yet anchored, since a deleted tail among them would leave no trace.
 */
export async function verify(db: Kysely<Database>, store: AuditStore, key: Buffer) {
  const rows = await repo.allEntries(db);
  const problems: AuditProblem[] = [];
  let prev: { id: number; hash: string } = { id: 0, hash: GENESIS };
  for (const r of rows) {
    if (r.id !== prev.id + 1 || r.prev_hash !== prev.hash) problems.push({ id: r.id, problem: 'missing' });
    if (rowHash(key, r) !== r.hash) problems.push({ id: r.id, problem: 'edited' });
    prev = { id: r.id, hash: r.hash };
  }
  const reading = store.readHead();
  let anchoredUpTo: number | null = null;
  if (reading && !reading.sealed) {
    problems.push({ id: null, problem: 'head_unsealed' });
  } else if (reading) {
    const { head } = reading;
    const atHead = rows.find((r) => r.id === head.id);
    if (!atHead) problems.push({ id: head.id, problem: 'tail_missing' });
    else if (atHead.hash !== head.hash) problems.push({ id: head.id, problem: 'head_mismatch' });
    else anchoredUpTo = head.id;
  } else if (rows.length > 0) {
    problems.push({ id: null, problem: 'head_mismatch' });
  }
  const unanchored = anchoredUpTo === null ? 0 : rows.filter((r) => r.id > anchoredUpTo!).length;
  return { intact: problems.length === 0, rows: rows.length, anchoredUpTo, unanchored, problems };
}

const PAGE = 100;

type RefKind = (typeof AUDIT_REFS)[keyof typeof AUDIT_REFS];

/** The names (or booking numbers) behind the ids in a page of details, keyed `kind:id`, so the log reads as words. */
async function refsOf(ctx: Ctx, details: string[]): Promise<Record<string, string>> {
  const ids: Record<RefKind, Set<number>> = { user: new Set(), doctor: new Set(), patient: new Set(), appointment: new Set() };
  for (const d of details) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(d) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const [key, kind] of Object.entries(AUDIT_REFS)) {
      for (const v of [parsed[key]].flat()) if (typeof v === 'number' && Number.isInteger(v)) ids[kind].add(v);
    }
  }
  const found = await repo.namesFor(ctx.db, { user: [...ids.user], doctor: [...ids.doctor], patient: [...ids.patient], appointment: [...ids.appointment] });
  const refs: Record<string, string> = {};
  for (const [kind, rows] of Object.entries(found)) for (const r of rows) refs[`${kind}:${r.id}`] = String(r.label);
  return refs;
}

export async function browse(ctx: Ctx, f: Omit<repo.AuditFilter, 'limit'>): Promise<{ entries: AuditEntry[]; more: boolean; refs: Record<string, string> }> {
  const rows = await repo.findEntries(ctx.db, { ...f, limit: PAGE + 1 });
  return {
    more: rows.length > PAGE,
    refs: await refsOf(ctx, rows.slice(0, PAGE).map((r) => r.detail)),
    entries: rows.slice(0, PAGE).map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_user_id,
      actorName: r.actor_name ?? null,
      action: r.action as AuditAction,
      patientId: r.patient_id,
      patientName: r.patient_name ?? null,
      detail: r.detail,
    })),
  };
}
