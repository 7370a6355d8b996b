import type { schedulingChannels } from '../../../shared/contract/scheduling';
import * as appointments from '../scheduling/appointments.service';
import * as availability from '../scheduling/availability.service';
import { slots } from '../scheduling/slots.service';
import type { HandlersOf } from './index';

export const schedulingHandlers = {
  'availability.get': (_, ctx) => availability.get(ctx),
  'availability.save': (input, ctx) => availability.save(ctx, input),
  'availability.setException': (input, ctx) => availability.setException(ctx, input),
  'availability.removeException': (input, ctx) => availability.removeException(ctx, input.date),
  'holidays.list': (_, ctx) => availability.holidays(ctx),
  'holidays.set': (input, ctx) => availability.setHoliday(ctx, input.date, input.name),
  'holidays.remove': (input, ctx) => availability.removeHoliday(ctx, input.date),
  'doctors.slots': (input, ctx) => slots(ctx, input),
  'appointments.book': (input, ctx) => appointments.book(ctx, input),
  'appointments.reschedule': (input, ctx) => appointments.reschedule(ctx, input),
  'appointments.cancel': (input, ctx) => appointments.cancel(ctx, input),
  'appointments.setStatus': (input, ctx) => appointments.setStatus(ctx, input),
  'appointments.mine': (_, ctx) => appointments.mine(ctx),
  'appointments.schedule': (input, ctx) => appointments.schedule(ctx, input),
  'appointments.history': (input, ctx) => appointments.history(ctx, input.appointmentId),
  'appointments.blockTime': (input, ctx) => appointments.blockTime(ctx, input),
  'appointments.unblock': (input, ctx) => appointments.unblock(ctx, input.blockId),
} satisfies HandlersOf<keyof typeof schedulingChannels>;
