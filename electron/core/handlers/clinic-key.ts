import type { clinicKeyChannels } from '../../../shared/contract/clinic-key';
import { enrol, recoveryCode } from '../secrets/clinic-key.service';
import type { HandlersOf } from './index';

export const clinicKeyHandlers = {
  'clinicKey.enrol': (input, ctx) => enrol(ctx, ctx.deps.seatKey, input),
  'clinicKey.recoveryCode': (input, ctx) => recoveryCode(ctx, input),
  'clinicKey.protection': async (_, ctx) => ({
    protection: ctx.deps.seatKey.protection,
    keyFile: ctx.deps.seatKey.path,
    database: ctx.deps.dialect === 'postgres' ? ('server' as const) : ('this_computer' as const),
  }),
} satisfies HandlersOf<keyof typeof clinicKeyChannels>;
