import { contract, isChannel, type ParsedInput } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { DomainError } from '../context';
import { failure, validationError } from '../dispatcher';
import { codeTypo } from '../secrets/clinic-key.service';
import { notEnrolled } from '../secrets/keyring';
import { decodeRecoveryCode } from '../secrets/recovery-code';

export const refusal = (e: DomainError): Result<never> => failure(e.code, e.message, e.options.fields);

/**
 * The answers of a single-seat clinic whose encrypted database no key this computer holds opens (its key file
 * lost, or the data folder copied here alone): the window asks for enrolment, and only enrolment answers,
 * handing the recovery code's key to `enrol`, which opens the database with it.
 */
export async function lockedAnswer(
  channel: unknown,
  input: unknown,
  enrol: (key: Buffer, input: ParsedInput<'clinicKey.enrol'>) => Promise<Result<unknown>>,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) return failure('UNKNOWN_CHANNEL', 'This action does not exist.');
  if (channel === 'setup.status') return { ok: true, data: { needsSetup: false, clinicName: null, timeZone: null, enrolled: false } };
  if (channel === 'seat.status') return { ok: true, data: { database: 'this_computer', canConnect: false } };
  if (channel !== 'clinicKey.enrol') return refusal(notEnrolled());
  const parsed = contract['clinicKey.enrol'].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
  const key = decodeRecoveryCode(parsed.data.recoveryCode);
  return key ? enrol(key, parsed.data) : refusal(codeTypo());
}
