import type { familyChannels } from '../../../shared/contract/family';
import * as family from '../patients/family.service';
import type { HandlersOf } from './index';

export const familyHandlers = {
  'family.list': (input, ctx) => family.list(ctx, input.holderPatientId),
  'family.add': (input, ctx) => family.add(ctx, input),
  'family.update': (input, ctx) => family.update(ctx, input),
  'family.invite': (input, ctx) => family.invite(ctx, input),
} satisfies HandlersOf<keyof typeof familyChannels>;
