import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Portal } from '../../../shared/roles';
import { DomainError, type Ctx } from '../context';
import * as repo from './mailed-codes.repo';

// Six-digit codes mailed to an address, for a sign-up and for a forgotten password. A code is stored only as a
// hash, works once, for its purpose, address and window, until it expires, and five wrong tries void it. Each
// code holds what it opens (`payload`); a code issued for an address with nothing to open (a taken address at
// sign-up, an unknown one at reset) holds none, so the screens answer alike and no code opens it.

export type CodePurpose = 'signup' | 'reset';
const MAX_TRIES = 5;
const MINUTE = 60_000;

/** The code an email carries (for the demo data, which mails nothing, and tests). */
export const codeInMail = (text: string): string | undefined => /\b(\d{6})\b/.exec(text)?.[1];

const hashOf = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest();

/** Starts a new code (replacing earlier ones for the address); the caller mails it. At most `perMinute` a minute per window. */
export async function issueCode(
  ctx: Ctx,
  c: { purpose: CodePurpose; email: string; door: Portal; minutes: number; perMinute: number; payload: string | null },
): Promise<{ code: string; expiresAt: Date }> {
  const nowIso = ctx.now.toISOString();
  await repo.removeExpired(ctx.db, nowIso);
  if ((await repo.startedSince(ctx.db, c.purpose, c.door, new Date(ctx.now.getTime() - MINUTE).toISOString())) >= c.perMinute) {
    throw new DomainError('TOO_MANY', 'Many people are asking for codes right now. Please wait a minute and try again.');
  }
  const id = randomUUID();
  const code = String(randomInt(1_000_000)).padStart(6, '0');
  const expiresAt = new Date(ctx.now.getTime() + c.minutes * MINUTE);
  await repo.removeFor(ctx.db, c.purpose, c.email, c.door);
  await repo.insert(ctx.db, {
    id, purpose: c.purpose, email: c.email, door: c.door, code_hash: hashOf(id, code).toString('hex'), attempts: 0, payload: c.payload,
    created_at: nowIso, expires_at: expiresAt.toISOString(),
  });
  return { code, expiresAt };
}

const wrongCode = () =>
  new DomainError('CODE_WRONG', 'This code is not right, or it has expired. Check the latest email from the clinic, or ask for a new code.', {
    keep: true,
    fields: { code: 'code_wrong' },
  });

/** What the code opens, used up; refused (the try counted, so it is kept) when the code is not right. */
export async function redeemCode(ctx: Ctx, c: { purpose: CodePurpose; email: string; door: Portal; code: string }): Promise<string> {
  const row = await repo.latestFor(ctx.db, c.purpose, c.email, c.door, ctx.now.toISOString());
  if (!row) throw wrongCode();
  const right = timingSafeEqual(hashOf(row.id, c.code), Buffer.from(row.code_hash, 'hex')) && row.payload !== null;
  if (!right) {
    // Typed wrong too often: void, and a new code must be asked for.
    if (row.attempts + 1 >= MAX_TRIES) await repo.remove(ctx.db, row.id);
    else await repo.countAttempt(ctx.db, row.id);
    throw wrongCode();
  }
  await repo.remove(ctx.db, row.id);
  return row.payload!;
}
