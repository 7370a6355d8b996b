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
import type { Keyring, SealedKeys } from './keyring';
import { decodeRecoveryCode, encodeRecoveryCode } from './recovery-code';
import { keySecretBox } from './secret-box';
import type { SeatKey } from './seat-key';

// Where the clinic key meets the database: a check value that tells the right key from another (never the key
// itself), and the audit and records keys sealed under it. All are settings rows, so every seat of a clinic sees them.
export const CHECK = 'clinic_key.check';
const SEALED_AUDIT_KEY = 'audit.key';
/** The key every stored file's own key is wrapped under (files/sealed-file.ts). */
const SEALED_RECORDS_KEY = 'records.key';

const keyCheck = (key: Buffer) => createHmac('sha256', key).update('MedLink clinic key check v1').digest('hex');
/** True when `key` is the clinic key whose check value is `check`. */
export const isClinicKey = (key: Buffer, check: string) => timingSafeEqual(Buffer.from(keyCheck(key)), Buffer.from(check));

/** The keys sealed under the clinic key, if `key` is this clinic's; null otherwise (records: null in a clinic made before files were sealed). */
export function openSealedKeys(key: Buffer, settings: Map<string, string>): { audit: Buffer; records: Buffer | null } | null {
  const check = settings.get(CHECK);
  const audit = settings.get(SEALED_AUDIT_KEY);
  if (!check || !audit || !isClinicKey(key, check)) return null;
  const box = keySecretBox(key);
  const records = settings.get(SEALED_RECORDS_KEY);
  return { audit: Buffer.from(box.open(audit), 'base64'), records: records ? Buffer.from(box.open(records), 'base64') : null };
}

/** openSealedKeys, giving a clinic made before files were sealed its records key now. */
async function openWith(db: Kysely<Database>, key: Buffer, settings: Map<string, string>): Promise<SealedKeys | null> {
  const opened = openSealedKeys(key, settings);
  if (!opened) return null;
  if (opened.records) return { audit: opened.audit, records: opened.records };
  const records = randomBytes(32);
  await writeSettings(db, { [SEALED_RECORDS_KEY]: keySecretBox(key).seal(records.toString('base64')) });
  return { audit: opened.audit, records };
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
    if (found.has(CHECK)) return held && { key: held, sealed: await openWith(trx, held, found) };
    const key = held ?? randomBytes(32);
    if (!held) seat.write(key);
    const sealed = { audit: randomBytes(32), records: randomBytes(32) };
    const box = keySecretBox(key);
    await writeSettings(trx, {
      [CHECK]: keyCheck(key),
      [SEALED_AUDIT_KEY]: box.seal(sealed.audit.toString('base64')),
      [SEALED_RECORDS_KEY]: box.seal(sealed.records.toString('base64')),
    });
    return { key, sealed };
  });
  if (keys?.sealed) keyring.adopt(keys.key, keys.sealed);
}

/** Refusals of a recovery code, also given by a seat whose encrypted database no key it holds opens (seat/locked-seat.ts). */
export const codeTypo = () =>
  new DomainError('VALIDATION', 'This recovery code has a typing mistake. Check each group of four against the written code.', {
    fields: { recoveryCode: 'code_typo' },
  });
export const otherClinic = () =>
  new DomainError('VALIDATION', "This recovery code belongs to another clinic's database.", { fields: { recoveryCode: 'code_other_clinic' } });

/** Enrols this seat with the clinic's recovery code (typed, or read from the key file by the screen). */
export async function enrol(ctx: Ctx, seat: SeatKey, input: ParsedInput<'clinicKey.enrol'>): Promise<{ done: true }> {
  if (ctx.deps.keyring.enrolled) throw new DomainError('CONFLICT', 'This computer is already enrolled in the clinic.');
  const key = decodeRecoveryCode(input.recoveryCode);
  if (!key) throw codeTypo();
  const sealed = await openWith(ctx.db, key, await readSettings(ctx.db));
  if (!sealed) throw otherClinic();
  seat.write(key);
  ctx.deps.keyring.adopt(key, sealed);
  await record(ctx, { action: 'seat.enrolled', actorId: null, detail: { computer: hostname() } });
  return { done: true };
}

/** The recovery code, shown to an administrator who confirms their password: it opens every shared secret. */
export async function recoveryCode(ctx: Ctx, check: PasswordCheck): Promise<{ recoveryCode: string }> {
  const s = await confirmPassword(ctx, check, 'password', 'Your password is not right.');
  await record(ctx, { action: 'clinic_key.shown', actorId: s.userId });
  return { recoveryCode: encodeRecoveryCode(ctx.deps.keyring.clinicKey()) };
}
