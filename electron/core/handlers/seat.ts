import type { seatChannels } from '../../../shared/contract/seat';
import * as seat from '../seat/seat.service';
import type { HandlersOf } from './index';

export const seatHandlers = {
  'seat.status': (_, ctx) => seat.status(ctx),
  'seat.connect': (input, ctx) => seat.connect(ctx, input),
} satisfies HandlersOf<keyof typeof seatChannels>;
