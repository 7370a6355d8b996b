import type { z } from 'zod';
import { contract, isChannel, type ChannelName } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import { issuesToFields } from '../../shared/validation';
import { tailMoved } from './audit/audit.service';
import { confirmSession, resolveSession, SessionChanged } from './auth/auth.service';
import { DomainError, inTransaction, type Ctx, type Deps, type Session } from './context';
import { isBusy, isUnreachable } from './db/dialects';
import { handlers } from './handlers/index';
import { sendAnnounced } from './live/changes';
import { notEnrolled } from './secrets/keyring';

export type Dispatch = (channel: unknown, input: unknown, token?: string) => Promise<Result<unknown>>;

// Until this seat holds the clinic key, only these channels answer: everything else writes the audit chain or opens a secret.
const BEFORE_ENROLMENT = new Set<ChannelName>(['setup.status', 'clinicKey.enrol', 'seat.status', 'seat.connect']);
// While a temporary password is in force, only these channels answer.
const WHILE_MUST_CHANGE = new Set<ChannelName>(['auth.changePassword', 'auth.logout', 'auth.session']);

/**
 * The screens' frequent calls whose handlers change nothing outside the database (no file, nothing kept in memory,
 * no listener): a run of theirs can be undone and run again, so they may start with the session this seat kept
 * (resolveSession) and learn only with their first statement whether it still holds. Every other call reads the
 * session first.
 */
const REPEATABLE = new Set<ChannelName>([
  'auth.session', 'doctors.search', 'doctors.profile', 'doctors.slots', 'appointments.book', 'appointments.reschedule', 'appointments.cancel',
  'appointments.setStatus', 'appointments.mine', 'appointments.schedule', 'desk.board', 'bills.mine', 'bills.list', 'records.mine',
  'monitoring.mine', 'monitoring.patient', 'readings.add',
]);

export function validationError(issues: z.core.$ZodIssue[]): AppError {
  const fields = issuesToFields(issues);
  return { code: 'VALIDATION', message: `Please check these fields: ${Object.keys(fields).join(', ')}.`, fields };
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// No contract input nests this deep; a deeper (or cyclic) one would otherwise exhaust the stack.
const MAX_DEPTH = 16;
/**
 * Keys that could reach an object's prototype are refused outright, wherever they sit; so are inputs that
 * are not plain trees (cycles or shared objects, which IPC's structured clone can carry) or nest too deep, and
 * text that is not well-formed Unicode (a lone surrogate would be stored as bytes that read back as '�').
 */
function unsafeInput(value: unknown, path: string[] = [], seen = new Set<object>()): [string, string] | null {
  if (typeof value === 'string') return value.isWellFormed() ? null : [path.join('.') || '_', 'invalid'];
  if (typeof value !== 'object' || value === null) return null;
  if (path.length > MAX_DEPTH || seen.has(value)) return [path.join('.') || '_', 'invalid'];
  seen.add(value);
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key) || !key.isWellFormed()) return [[...path, key].join('.'), 'unknown_field'];
    const found = unsafeInput((value as Record<string, unknown>)[key], [...path, key], seen);
    if (found) return found;
  }
  return null;
}

export const failure = (code: AppError['code'], message: string, fields?: Record<string, string>): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/**
 * The one way into the application: validate, find the caller, check the role, run the handler in a
 * transaction, return a Result. Nothing else (no stack, no SQL, no path) ever reaches a screen.
 */
export function createDispatcher(deps: Deps): Dispatch {
  return async (channel, input, token) => {
    if (!isChannel(channel)) return failure('UNKNOWN_CHANNEL', 'This action does not exist.');
    const def = contract[channel];
    const unsafe = unsafeInput(input);
    if (unsafe) return failure('VALIDATION', `Please check these fields: ${unsafe[0]}.`, { [unsafe[0]]: unsafe[1] });
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
    if (!deps.keyring.enrolled && !BEFORE_ENROLMENT.has(channel)) {
      const refusal = notEnrolled();
      return failure(refusal.code, refusal.message);
    }

    let kept: DomainError | undefined;
    const handler = handlers[channel] as ((i: unknown, c: Ctx) => Promise<unknown>) & {
      prepare?: (i: unknown, d: Deps, t?: string) => Promise<unknown>;
      finish?: (staged: unknown, d: Deps, s: Session | null) => Promise<unknown>;
    };
    let session: Session | null = null;
    try {
      const prepared = await handler.prepare?.(parsed.data, deps, token);
      // `fresh`: the session read before the call goes on, as when what the seat had kept of it no longer held.
      const run = (fresh: boolean) => inTransaction(deps, async (ctx) => {
        kept = undefined;
        ctx.prepared = prepared;
        try {
          if (def.roles !== 'public' && (def.roles !== 'optional' || token)) {
            ctx.session = await resolveSession(ctx, token, fresh);
            if (!ctx.session) throw new DomainError('UNAUTHENTICATED', 'Please sign in.');
            if (ctx.session.mustChangePassword && !WHILE_MUST_CHANGE.has(channel)) {
              throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'Please choose a new password before you continue.');
            }
            const allowed = def.roles === 'any' || def.roles === 'optional' || def.roles.some((r) => ctx.session!.roles.includes(r));
            if (!allowed) throw new DomainError('FORBIDDEN', 'Your account cannot do this.');
          }
          // Parsing the output drops any field the contract does not name: nothing extra leaks.
          const result = await handler(parsed.data, ctx);
          const output = handler.finish ? result : def.output.parse(result);
          await confirmSession(ctx);
          session = ctx.session;
          await sendAnnounced(ctx);
          return output;
        } catch (e) {
          // Nothing is answered nor kept for a session that no longer holds: the call runs again.
          if (!(e instanceof SessionChanged)) await confirmSession(ctx, true);
          if (e instanceof DomainError && e.options.keep) {
            kept = e;
            return undefined;
          }
          throw e;
        }
      });
      // Run again, reading first, when what the call went on with changed meanwhile: the session this seat kept, or
      // the audit chain's end read before the transaction (audit.service continueFrom).
      const data = await run(!REPEATABLE.has(channel)).catch((e: unknown) => {
        if (e instanceof SessionChanged || tailMoved(e)) return run(true);
        throw e;
      });
      if (kept) return failure(kept.code, kept.message, kept.options.fields);
      return { ok: true, data: handler.finish ? def.output.parse(await handler.finish(data, deps, session)) : data };
    } catch (e) {
      if (e instanceof DomainError) return failure(e.code, e.message, e.options.fields);
      if (isBusy(e)) return failure('UNAVAILABLE', 'MedLink is busy with another change. Nothing was saved; please try again.');
      if (isUnreachable(e)) {
        return failure('UNAVAILABLE', "The clinic's database server cannot be reached, so nothing was saved. Check the network and try again.");
      }
      deps.log(`internal error on ${channel}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return failure('INTERNAL', 'Something went wrong and nothing was saved. Please try again.');
    }
  };
}
