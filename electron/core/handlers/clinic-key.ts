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
} satisfies HandlersOf<keyof typeof clinicKeyChannels>;
