import type { clinicKeyChannels } from '../../../shared/contract/clinic-key';
import { enrol, recoveryCode } from '../secrets/clinic-key.service';
import type { HandlersOf } from './index';

export const clinicKeyHandlers = {
  'clinicKey.enrol': (input, ctx) => enrol(ctx, ctx.deps.seatKey, input),
  'clinicKey.recoveryCode': (input, ctx) => recoveryCode(ctx, input),
} satisfies HandlersOf<keyof typeof clinicKeyChannels>;
