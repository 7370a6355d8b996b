import type { Output, ParsedInput } from '../../../shared/contract';
import { CHART_RANGES, toStored, type ChartRange, type EnteredAs } from '../../../shared/monitoring';
import { record } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import type { DoctorRow } from '../doctors/doctors.repo';
import { announce, monitoringChange } from '../live/changes';
import { patientById, patientByUser, type PatientRow } from '../patients/patients.repo';
import { accessOf, signedInDoctor } from '../records/access';
import { raiseForReading } from './alerts.service';
import * as repo from './monitoring.repo';
import { alertViews, planViews, readingView } from './views';

// Readings: a patient's own quick entry, or a doctor's for a patient they monitor; the patient's view of their
// readings, targets and handled alerts. Who else may see them is decided by `doctorAccess`.

const DAY_MS = 86_400_000;
/** A reading's time may run this far ahead of the server's (a phone's clock a little fast); beyond it is a mistake. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** Where a chart's range begins (nothing: all of it). */
export const rangeStart = (now: Date, range: ChartRange): string | undefined => {
  const days = CHART_RANGES[range];
  return days === null ? undefined : new Date(now.getTime() - days * DAY_MS).toISOString();
};

export async function ownPatient(ctx: Ctx): Promise<PatientRow> {
  const patient = await patientByUser(ctx.db, requireSession(ctx).userId);
  if (!patient) throw new DomainError('NOT_FOUND', 'No patient record is linked to this account.');
  return patient;
}

/**
 * A doctor's way to a patient's readings: a monitoring plan of theirs, or what opens the patient's records (an
 * appointment, emergency access). Records shared with them open those records only, not the readings.
 */
export async function doctorAccess(ctx: Ctx, doctor: DoctorRow, patientId: number): Promise<'monitoring' | 'appointment' | 'emergency'> {
  if (await repo.planOf(ctx.db, patientId, doctor.id)) return 'monitoring';
  const access = await accessOf(ctx, doctor.id, patientId);
  if (access && access.via !== 'shared') return access.via;
  throw new DomainError('FORBIDDEN', 'You can see the readings of patients you monitor or who have or had an appointment with you. For anyone else, use emergency access.');
}

export async function add(ctx: Ctx, input: ParsedInput<'readings.add'>): Promise<Output<'readings.add'>> {
  const session = requireSession(ctx);
  let patient: PatientRow | undefined;
  let enteredAs: EnteredAs;
  if (session.roles.includes('doctor') && input.patientId !== undefined) {
    const doctor = await signedInDoctor(ctx);
    patient = await patientById(ctx.db, input.patientId);
    if (!patient) throw new DomainError('NOT_FOUND', 'No patient has this number.');
    await doctorAccess(ctx, doctor, patient.id);
    enteredAs = 'doctor';
  } else if (session.roles.includes('patient')) {
    patient = await ownPatient(ctx);
    // A patient enters their own readings only; naming anyone else's changes nothing.
    if (input.patientId !== undefined && input.patientId !== patient.id) throw new DomainError('FORBIDDEN', 'You can enter only your own readings.');
    enteredAs = 'patient';
  } else {
    throw new DomainError('VALIDATION', 'Choose the patient this reading is for.', { fields: { patientId: 'patient_required' } });
  }
  if (Date.parse(input.takenAt) > ctx.now.getTime() + CLOCK_SLACK_MS) {
    throw new DomainError('VALIDATION', 'A reading cannot be taken in the future: check the date and time.', { fields: { takenAt: 'reading_time_future' } });
  }
  const row = await repo.insertReading(ctx.db, {
    patient_id: patient.id,
    measure: input.measure,
    value: toStored(input.measure, input.value, input.unit),
    value2: input.measure === 'blood_pressure' ? (input.diastolic ?? null) : null,
    pulse: input.pulse ?? null,
    taken_at: new Date(input.takenAt).toISOString(),
    note: input.note ?? null,
    entered_by: session.userId,
    entered_as: enteredAs,
    created_at: ctx.now.toISOString(),
  });
  await record(ctx, { action: 'reading.added', actorId: session.userId, patientId: patient.id, detail: { measure: input.measure } });
  const plans = await repo.plansOfPatient(ctx.db, patient.id);
  const alertsRaised = await raiseForReading(ctx, row, plans);
  announce(ctx, monitoringChange(patient.user_id, plans.map((p) => p.doctor_user_id)));
  return { reading: readingView(row), alertsRaised };
}

export async function mine(ctx: Ctx, range: ChartRange): Promise<Output<'monitoring.mine'>> {
  const patient = await ownPatient(ctx);
  // The alerts are those the patient's doctors handled, with their notes; open ones are the doctors' to look at first.
  const chart = await repo.ownChart(ctx.db, ctx.deps.dialect, patient.id, rangeStart(ctx.now, range));
  return { plans: await planViews(ctx, chart.plans, chart.measures), readings: chart.readings.map(readingView), alerts: await alertViews(ctx, chart.alerts, chart.readings) };
}
