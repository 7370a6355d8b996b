import type { Output, ParsedInput, PlannedVisit, SeriesView } from '../../../shared/contract';
import type { Mode } from '../availability/slots';
import { record } from '../audit/audit.service';
import { DomainError, isDesk, requireSession, type Ctx } from '../context';
import { patientById } from '../patients/patients.repo';
import { offerFreedTimes } from '../waitlist/offers';
import { cancelBooking, insertBooking, moveBooking } from './appointment-writes';
import * as repo from './appointments.repo';
import { bookableDoctor, changed, viewsOf } from './appointments.service';
import { practisingDoctor } from './availability.service';
import { seriesMail, type SeriesEvent } from './series-mail';
import { lockDiaries, timeProblem } from './time-check';

// Repeat visits: every visit of a series is checked as a single booking would be (and against the other visits)
// before anything is saved; the screen lists the times that cannot be had, to be placed by hand, and the whole
// series is then saved in one transaction, or nothing is. Moving or cancelling the series works the same way on
// its visits still to come; one visit alone is moved or cancelled like any appointment.


/** The doctor of a series: the one the front desk names, or the doctor signed in. */
async function doctorOf(ctx: Ctx, doctorId: number | undefined) {
  if (isDesk(ctx) && doctorId) return bookableDoctor(ctx, doctorId);
  if (!requireSession(ctx).roles.includes('doctor')) {
    throw new DomainError('VALIDATION', 'Choose the doctor.', { fields: { doctorId: 'doctor_required' } });
  }
  const own = await practisingDoctor(ctx);
  if (doctorId && doctorId !== own.id) throw new DomainError('FORBIDDEN', 'You can book repeat visits only in your own diary.');
  return own;
}

/** The patient: any for the front desk; for a doctor, one they have seen or are to see. */
async function patientOf(ctx: Ctx, patientId: number, doctorId: number) {
  const p = await patientById(ctx.db, patientId);
  if (!p || p.merged_into !== null || (!isDesk(ctx) && !(await repo.isPatientOf(ctx.db, patientId, doctorId)))) {
    throw new DomainError('NOT_FOUND', 'No patient has this number.');
  }
  return p;
}

/** A series the caller may see and change: any for the front desk, their own for a doctor. */
async function seriesFor(ctx: Ctx, seriesId: number) {
  const series = await repo.seriesById(ctx.db, seriesId);
  if (series && !isDesk(ctx)) {
    const own = await practisingDoctor(ctx);
    if (own.id !== series.doctor_id) throw new DomainError('NOT_FOUND', 'No series of visits has this number.');
  }
  if (!series) throw new DomainError('NOT_FOUND', 'No series of visits has this number.');
  return series;
}

/** The `validation` key saying why a visit cannot be booked. */
function problemKey(e: DomainError): string {
  if (e.code === 'SLOT_TAKEN') return 'slot_taken';
  if (e.code === 'PATIENT_BUSY') return 'patient_busy';
  return e.options.fields?.start ?? 'slot_outside_hours';
}

/** Each visit checked like a single booking (`moving`: the series' visits being moved count as free), then against one another. */
async function plan(ctx: Ctx, doctorId: number, patientId: number, visits: { start: string; mode: Mode }[], moving: number[] = []): Promise<PlannedVisit[]> {
  const out: PlannedVisit[] = [];
  for (const v of visits) {
    const start = new Date(v.start);
    const { end, problem } = await timeProblem(ctx, { doctorId, patientId, start, mode: v.mode }, { appointmentIds: moving });
    out.push({ start: start.toISOString(), end: end.toISOString(), problem: problem && problemKey(problem) });
  }
  // Two visits of one series at the same time (or overlapping) cannot both be booked: the later in the list is flagged.
  out.forEach((v, i) => {
    if (!v.problem && out.some((w, j) => j < i && w.start < v.end && v.start < w.end)) v.problem = 'series_overlap';
  });
  return out;
}

/** Refused, naming each visit (`field.<n>`) that cannot be booked; nothing is saved. */
function refuseProblems(planned: PlannedVisit[], field: string): void {
  const bad = planned.flatMap((p, i) => (p.problem ? [[`${field}.${i}`, p.problem] as const] : []));
  if (bad.length === 0) return;
  throw new DomainError('CONFLICT', `${bad.length} of the ${planned.length} visits cannot be booked at the times chosen. Place them by hand, then try again; nothing was saved.`, {
    fields: Object.fromEntries(bad),
  });
}

async function view(ctx: Ctx, series: NonNullable<Awaited<ReturnType<typeof repo.seriesById>>>): Promise<SeriesView> {
  const rows = await repo.appointmentsOfSeries(ctx.db, series.id);
  return {
    id: series.id,
    everyWeeks: series.every_weeks,
    doctorId: series.doctor_id,
    doctorName: rows[0]?.doctor_name ?? '',
    patientId: series.patient_id,
    patientName: rows[0]?.patient_name ?? '',
    appointments: await viewsOf(ctx, rows),
  };
}

export async function check(ctx: Ctx, input: ParsedInput<'series.check'>): Promise<PlannedVisit[]> {
  const doctor = await doctorOf(ctx, input.doctorId);
  const patient = await patientOf(ctx, input.patientId, doctor.id);
  const moving = input.seriesId ? (await repo.appointmentsOfSeries(ctx.db, (await seriesFor(ctx, input.seriesId)).id)).map((a) => a.id) : [];
  return plan(ctx, doctor.id, patient.id, input.starts.map((start) => ({ start, mode: input.mode })), moving);
}

/** The series' one email for the visits a change touched, and every screen showing one of them hears of it. */
async function told(ctx: Ctx, visits: repo.DetailedRow[], event: SeriesEvent): Promise<void> {
  await seriesMail(ctx, visits, event);
  for (const a of visits) changed(ctx, a);
}

export async function book(ctx: Ctx, input: ParsedInput<'series.book'>): Promise<SeriesView> {
  const doctor = await doctorOf(ctx, input.doctorId);
  const patient = await patientOf(ctx, input.patientId, doctor.id);
  await lockDiaries(ctx, [doctor.id], patient.id);
  const planned = await plan(ctx, doctor.id, patient.id, input.starts.map((start) => ({ start, mode: input.mode })));
  refuseProblems(planned, 'starts');
  const seriesId = await repo.insertSeries(ctx.db, {
    doctor_id: doctor.id, patient_id: patient.id, every_weeks: input.everyWeeks, created_by: requireSession(ctx).userId, created_at: ctx.now.toISOString(),
  });
  // In the order of their dates, so their booking numbers follow the calendar.
  for (const p of [...planned].sort((a, b) => a.start.localeCompare(b.start))) {
    await insertBooking(ctx, { doctorId: doctor.id, patientId: patient.id, start: new Date(p.start), end: new Date(p.end), mode: input.mode, reason: input.reason || null, seriesId });
  }
  await told(ctx, await repo.appointmentsOfSeries(ctx.db, seriesId), { kind: 'booked' });
  return view(ctx, (await repo.seriesById(ctx.db, seriesId))!);
}

export async function get(ctx: Ctx, seriesId: number): Promise<SeriesView> {
  const series = await seriesFor(ctx, seriesId);
  await record(ctx, { action: 'appointment.series_viewed', actorId: requireSession(ctx).userId, patientId: series.patient_id, detail: { doctorId: series.doctor_id } });
  return view(ctx, series);
}

/** The series' visits still to come (booked, not started). */
async function upcoming(ctx: Ctx, seriesId: number) {
  const nowIso = ctx.now.toISOString();
  return (await repo.appointmentsOfSeries(ctx.db, seriesId)).filter((a) => a.status === 'booked' && a.start_at > nowIso);
}

export async function move(ctx: Ctx, input: ParsedInput<'series.move'>): Promise<Output<'series.move'>> {
  const series = await seriesFor(ctx, input.seriesId);
  await bookableDoctor(ctx, series.doctor_id);
  await lockDiaries(ctx, [series.doctor_id], series.patient_id);
  const open = new Map((await upcoming(ctx, series.id)).map((a) => [a.id, a]));
  const rows = input.moves.map((m, i) => {
    const row = open.get(m.appointmentId);
    if (!row) throw new DomainError('VALIDATION', 'Only visits of this series still to come can be moved.', { fields: { [`moves.${i}`]: 'visit_not_movable' } });
    return row;
  });
  const planned = await plan(ctx, series.doctor_id, series.patient_id, input.moves.map((m, i) => ({ start: m.start, mode: rows[i]!.mode as Mode })), rows.map((r) => r.id));
  refuseProblems(planned, 'moves');
  for (const [i, row] of rows.entries()) await moveBooking(ctx, row, new Date(planned[i]!.start), new Date(planned[i]!.end), row.mode as Mode);
  const moved = new Set(rows.map((r) => r.id));
  await told(ctx, (await repo.appointmentsOfSeries(ctx.db, series.id)).filter((a) => moved.has(a.id)), { kind: 'moved' });
  await offerFreedTimes(ctx, series.doctor_id);
  return view(ctx, series);
}

export async function cancel(ctx: Ctx, input: ParsedInput<'series.cancel'>): Promise<Output<'series.cancel'>> {
  const series = await seriesFor(ctx, input.seriesId);
  await lockDiaries(ctx, [series.doctor_id]);
  const rows = await upcoming(ctx, series.id);
  if (rows.length === 0) throw new DomainError('CONFLICT', 'No visit of this series is still to come: there is nothing to cancel.');
  for (const row of rows) await cancelBooking(ctx, row, input.reason);
  const cancelled = new Set(rows.map((r) => r.id));
  await told(ctx, (await repo.appointmentsOfSeries(ctx.db, series.id)).filter((a) => cancelled.has(a.id)), { kind: 'cancelled', reason: input.reason });
  await offerFreedTimes(ctx, series.doctor_id);
  return view(ctx, series);
}
