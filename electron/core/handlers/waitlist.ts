import type { waitlistChannels } from '../../../shared/contract/waitlist';
import * as waitlist from '../waitlist/waitlist.service';
import type { HandlersOf } from './index';

export const waitlistHandlers = {
  'waitlist.join': (input, ctx) => waitlist.join(ctx, input),
  'waitlist.leave': (input, ctx) => waitlist.leave(ctx, input.entryId),
  'waitlist.mine': (_, ctx) => waitlist.mine(ctx),
  'waitlist.ofDoctor': (input, ctx) => waitlist.ofDoctor(ctx, input.doctorId),
  'waitlist.take': (input, ctx) => waitlist.take(ctx, input),
  'waitlist.decline': (input, ctx) => waitlist.decline(ctx, input.offerId),
} satisfies HandlersOf<keyof typeof waitlistChannels>;
