import type { kioskChannels } from '../../../shared/contract/kiosk';
import * as kiosk from '../kiosk/kiosk.service';
import type { HandlersOf } from './index';

export const kioskHandlers = {
  'kiosk.status': (_, ctx) => kiosk.status(ctx),
  'kiosk.checkIn': (input, ctx) => kiosk.checkIn(ctx, input),
  'kiosk.configure': (input, ctx) => kiosk.configure(ctx, input.enabled),
  'kiosk.leave': (_, ctx) => kiosk.leave(ctx),
} satisfies HandlersOf<keyof typeof kioskChannels>;
