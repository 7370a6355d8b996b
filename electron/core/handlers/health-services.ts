import type { healthServiceChannels } from '../../../shared/contract/health-services';
import * as services from '../health-services/health-services.service';
import * as orders from '../health-services/orders.service';
import type { HandlersOf } from './index';

export const healthServiceHandlers = {
  'healthServices.catalogue': (_, ctx) => services.catalogue(ctx),
  'healthServices.all': (_, ctx) => services.all(ctx),
  'healthServices.save': (input, ctx) => services.save(ctx, input),
  'orders.place': (input, ctx) => orders.place(ctx, input),
  'orders.mine': (_, ctx) => orders.mine(ctx),
  'orders.list': (input, ctx) => orders.list(ctx, input),
  'orders.confirm': (input, ctx) => orders.confirm(ctx, input),
  'orders.done': (input, ctx) => orders.done(ctx, input.orderId),
  'orders.cancel': (input, ctx) => orders.cancel(ctx, input),
  'orders.history': (input, ctx) => orders.history(ctx, input.orderId),
} satisfies HandlersOf<keyof typeof healthServiceChannels>;
