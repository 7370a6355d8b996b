import type { printChannels } from '../../../shared/contract/print';
import * as print from '../print/print.service';
import type { HandlersOf } from './index';

export const printHandlers = {
  'print.dayList': (input, ctx) => print.dayList(ctx, input),
  'print.slip': (input, ctx) => print.slip(ctx, input.appointmentId),
  'print.myDay': (input, ctx) => print.myDay(ctx, input),
} satisfies HandlersOf<keyof typeof printChannels>;
