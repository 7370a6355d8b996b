import type { ParsedInput, SlotView } from '../../../shared/contract';
import { slotsBetween, type Busy, type Slot } from '../availability/slots';
import { DomainError, type Ctx } from '../context';
import { doctorById } from '../doctors/doctors.repo';
import { busyOfDoctor } from './appointments.repo';
import { dayBounds } from './appointments.service';
import { rulesFor } from './availability.service';

export const slotView = (s: Slot): SlotView => ({
  start: s.start.toISOString(),
  end: s.end.toISOString(),
  date: s.date,
  time: s.time,
  modes: s.modes,
});

/** A verified doctor's free slots on clinic-local days [fromDate, toDate] (at most 62 days). */
export async function slots(ctx: Ctx, input: ParsedInput<'doctors.slots'>): Promise<SlotView[]> {
  if (input.toDate < input.fromDate || Date.parse(input.toDate) - Date.parse(input.fromDate) > 62 * 86_400_000) {
    throw new DomainError('VALIDATION', 'Choose at most two months, ending after it starts.', { fields: { toDate: 'range_invalid' } });
  }
  const doctor = await doctorById(ctx.db, input.doctorId);
  if (!doctor || doctor.status !== 'verified' || doctor.suspended_at) throw new DomainError('NOT_FOUND', 'This doctor is not taking appointments.');
  const rules = (await rulesFor(ctx, [doctor.id])).get(doctor.id)!;
  const { fromIso, toIso } = await dayBounds(ctx, input.fromDate, input.toDate);
  const busy: Busy[] = (await busyOfDoctor(ctx.db, doctor.id, fromIso, toIso)).map((b) => ({ start: new Date(b.start_at), end: new Date(b.end_at) }));
  return slotsBetween(rules, busy, ctx.now, input.fromDate, input.toDate).map(slotView);
}
