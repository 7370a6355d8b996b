import type { ParsedInput, SlotView } from '../../../shared/contract';
import { slotsBetween, takenBy, type Busy, type Slot } from '../availability/slots';
import { DomainError, type Ctx } from '../context';
import { readTogether } from '../db/dialects';
import { doctorQuery } from '../doctors/doctors.repo';
import { versionRows, versionsOf } from '../search/search.repo';
import { busyQuery } from './appointments.repo';
import { dayBounds } from './clinic-day';
import { isoInstant } from './iso-instant';
import { keptHours } from './kept-hours';

export const slotView = (s: Slot): SlotView => ({
  start: isoInstant(s.start.getTime()),
  end: isoInstant(s.end.getTime()),
  date: s.date,
  time: s.time,
  modes: s.modes,
});

/** A verified doctor's free slots on clinic-local days [fromDate, toDate] (at most 62 days). */
export async function slots(ctx: Ctx, input: ParsedInput<'doctors.slots'>): Promise<SlotView[]> {
  if (input.toDate < input.fromDate || Date.parse(input.toDate) - Date.parse(input.fromDate) > 62 * 86_400_000) {
    throw new DomainError('VALIDATION', 'Choose at most two months, ending after it starts.', { fields: { toDate: 'range_invalid' } });
  }
  const { fromIso, toIso } = await dayBounds(ctx, input.fromDate, input.toDate);
  // The counters, the doctor and their busy time in one read: the hours read after it (on a change) can then be
  // newer than the counters say, never older.
  const read = await readTogether(ctx.db, ctx.deps.dialect, {
    versions: versionRows(ctx.db).select(['key', 'value']),
    doctor: doctorQuery(ctx.db, input.doctorId),
    busy: busyQuery(ctx.db, input.doctorId, fromIso, toIso, ctx.now.toISOString(), {}),
  });
  const versions = versionsOf(read.versions);
  const doctor = read.doctor[0];
  if (!doctor || doctor.status !== 'verified' || doctor.suspended_at) throw new DomainError('NOT_FOUND', 'This doctor is not taking appointments.');
  const kept = keptHours(ctx.deps);
  const request = { doctorId: doctor.id, fromDate: input.fromDate, toDate: input.toDate };
  let open = kept.openList(request, versions, ctx.now);
  if (!open) {
    const rules = await kept.rulesOf(ctx, doctor.id, versions);
    const grid = slotsBetween(rules, [], ctx.now, input.fromDate, input.toDate);
    open = kept.keepOpenList(request, versions, ctx.now, {
      rules,
      views: grid.map(slotView),
      startsMs: grid.map((g) => g.start.getTime()),
      endsMs: grid.map((g) => g.end.getTime()),
    });
  }
  const busy: Busy[] = read.busy.map((b) => ({ start: new Date(b.start_at), end: new Date(b.end_at) }));
  const taken = takenBy(busy, open.rules.bufferMinutes);
  const free: SlotView[] = [];
  for (let i = open.first; i < open.views.length; i++) if (!taken(open.startsMs[i]!, open.endsMs[i]!)) free.push(open.views[i]!);
  return free;
}
