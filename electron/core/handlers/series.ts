import type { seriesChannels } from '../../../shared/contract/series';
import * as series from '../scheduling/series.service';
import type { HandlersOf } from './index';

export const seriesHandlers = {
  'series.check': (input, ctx) => series.check(ctx, input),
  'series.book': (input, ctx) => series.book(ctx, input),
  'series.get': (input, ctx) => series.get(ctx, input.seriesId),
  'series.move': (input, ctx) => series.move(ctx, input),
  'series.cancel': (input, ctx) => series.cancel(ctx, input),
} satisfies HandlersOf<keyof typeof seriesChannels>;
