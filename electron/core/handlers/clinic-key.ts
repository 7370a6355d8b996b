import type { clinicKeyChannels } from '../../../shared/contract/clinic-key';
import { enrol, recoveryCode } from '../secrets/clinic-key.service';
import { checkOwnPassword } from '../auth/password-checks';
import { withPrepared, type HandlersOf } from './index';

export const clinicKeyHandlers = {
  'clinicKey.enrol': (input, ctx) => enrol(ctx, ctx.deps.seatKey, input),
  'clinicKey.recoveryCode': withPrepared(
    (input: { password: string }, deps, token) => checkOwnPassword(deps, token, input.password),
    (_, ctx, check) => recoveryCode(ctx, check),
  ),
  'clinicKey.protection': async (_, ctx) => ({
    protection: ctx.deps.seatKey.protection,
    keyFile: ctx.deps.seatKey.path,
    database: ctx.deps.dialect === 'postgres' ? ('server' as const) : ('this_computer' as const),
  }),
} satisfies HandlersOf<keyof typeof clinicKeyChannels>;
