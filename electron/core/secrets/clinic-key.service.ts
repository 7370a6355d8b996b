import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { confirmPassword } from '../auth/auth.service';
import type { PasswordCheck } from '../auth/password-checks';
import { readSettings, writeSettings } from '../clinic/settings.repo';
import { DomainError, type Ctx } from '../context';
import { serialize, type DialectName } from '../db/dialects';
import type { Database } from '../db/schema';
import type { Keyring } from './keyring';
import { decodeRecoveryCode, encodeRecoveryCode } from './recovery-code';
import { keySecretBox } from './secret-box';
import type { SeatKey } from './seat-key';

// Where the clinic key meets the database: a check value that tells the right key from another (never the key
// itself), and the audit key sealed under it. Both are settings rows, so every seat of a clinic sees them.
const CHECK = 'clinic_key.check';
const SEALED_AUDIT_KEY = 'audit.key';

const keyCheck = (key: Buffer) => createHmac('sha256', key).update('MedLink clinic key check v1').digest('hex');
const matches = (key: Buffer, check: string) => timingSafeEqual(Buffer.from(keyCheck(key)), Buffer.from(check));

/** The audit key, if `key` is this clinic's key; null otherwise. */
function openWith(key: Buffer, settings: Map<string, string>): Buffer | null {
  const check = settings.get(CHECK);
  const sealed = settings.get(SEALED_AUDIT_KEY);
  if (!check || !sealed || !matches(key, check)) return null;
  return Buffer.from(keySecretBox(key).open(sealed), 'base64');
}

/**
 * At start-up: a clinic database without a clinic key gets one now (this seat's, if it already holds one; made
 * here otherwise) together with a new audit key; then this seat is enrolled if the key it holds is the clinic's.
 * The key is on this seat's disk before the check that names it commits, so no crash can leave a clinic whose
 * key no seat holds.
 */
export async function openKeyring(db: Kysely<Database>, dialect: DialectName, seat: SeatKey, keyring: Keyring): Promise<void> {
  const held = seat.read();
  const keys = await db.transaction().execute(async (trx) => {
    // Two seats starting on one new database: one makes the key, the other finds it made.
    await serialize(trx, dialect, 'clinic_key');
    const found = await readSettings(trx);
    if (found.has(CHECK)) return held && { key: held, auditKey: openWith(held, found) };
    const key = held ?? randomBytes(32);
    seat.write(key);
    const auditKey = randomBytes(32);
    await writeSettings(trx, { [CHECK]: keyCheck(key), [SEALED_AUDIT_KEY]: keySecretBox(key).seal(auditKey.toString('base64')) });
    return { key, auditKey };
  });
  if (keys?.auditKey) keyring.adopt(keys.key, keys.auditKey);
}

/** Enrols this seat with the clinic's recovery code (typed, or read from the key file by the screen). */
export async function enrol(ctx: Ctx, seat: SeatKey, input: ParsedInput<'clinicKey.enrol'>): Promise<{ done: true }> {
  if (ctx.deps.keyring.enrolled) throw new DomainError('CONFLICT', 'This computer is already enrolled in the clinic.');
  const key = decodeRecoveryCode(input.recoveryCode);
  if (!key) {
    throw new DomainError('VALIDATION', 'This recovery code has a typing mistake. Check each group of four against the written code.', {
      fields: { recoveryCode: 'code_typo' },
    });
  }
  const auditKey = openWith(key, await readSettings(ctx.db));
  if (!auditKey) {
    throw new DomainError('VALIDATION', "This recovery code belongs to another clinic's database.", { fields: { recoveryCode: 'code_other_clinic' } });
  }
  seat.write(key);
  ctx.deps.keyring.adopt(key, auditKey);
  await record(ctx, { action: 'seat.enrolled', actorId: null, detail: { computer: hostname() } });
  return { done: true };
}

/** The recovery code, shown to an administrator who confirms their password: it opens every shared secret. */
export async function recoveryCode(ctx: Ctx, check: PasswordCheck): Promise<{ recoveryCode: string }> {
  const s = await confirmPassword(ctx, check, 'password', 'Your password is not right.');
  await record(ctx, { action: 'clinic_key.shown', actorId: s.userId });
  return { recoveryCode: encodeRecoveryCode(ctx.deps.keyring.clinicKey()) };
}
