import type { Output, ParsedInput } from '../../../shared/contract';
import { CHART_RANGES, toStored, type ChartRange, type EnteredAs, type ReadingValues } from '../../../shared/monitoring';
import { record } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import type { DoctorRow } from '../doctors/doctors.repo';
import { announce, monitoringChange } from '../live/changes';
import { clinicInfo } from '../mail/notify';
import { patientById, patientByUser, type PatientRow } from '../patients/patients.repo';
import { accessOf, signedInDoctor } from '../records/access';
import { raiseForReadings } from './alerts.service';
import * as repo from './monitoring.repo';
import { parseReadingsCsv, type CsvProblem } from './readings-csv';
import { alertViews, planViews, readingView, visitView } from './views';

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

/** A reading as typed (value in the unit named, time as a UTC instant) as its row: stored units, entered by the session's user. */
function readingRow(ctx: Ctx, patientId: number, r: ReadingValues & { takenAt: string; note?: string }, enteredAs: EnteredAs) {
  return {
    patient_id: patientId, measure: r.measure, value: toStored(r.measure, r.value, r.unit),
    value2: r.measure === 'blood_pressure' ? (r.diastolic ?? null) : null, pulse: r.pulse ?? null, taken_at: r.takenAt,
    note: r.note ?? null, entered_by: requireSession(ctx).userId, entered_as: enteredAs, created_at: ctx.now.toISOString(),
  };
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
  const row = await repo.insertReading(ctx.db, readingRow(ctx, patient.id, { ...input, takenAt: new Date(input.takenAt).toISOString() }, enteredAs));
  await record(ctx, { action: 'reading.added', actorId: session.userId, patientId: patient.id, detail: { measure: input.measure } });
  const plans = await repo.plansOfPatient(ctx.db, patient.id);
  const alertsRaised = await raiseForReadings(ctx, [row], plans);
  announce(ctx, monitoringChange(patient.user_id, plans.map((p) => p.doctor_user_id)));
  return { reading: readingView(row), alertsRaised };
}

/** Bad lines named in the answer; the rest are counted (a file of 10,000 bad lines needs its first few to be mended). */
const PROBLEMS_SHOWN = 200;

/**
 * A month of the patient's own readings from a CSV file, in the dispatcher's one transaction: nothing at all when a
 * line is bad, unless the patient chose to import the good lines only. A reading of the same measure at the same
 * minute as one already saved (the same file imported twice) is a bad line too.
 */
export async function importCsv(ctx: Ctx, input: ParsedInput<'readings.import'>): Promise<Output<'readings.import'>> {
  const session = requireSession(ctx);
  const patient = await ownPatient(ctx);
  const { timeZone } = await clinicInfo(ctx);
  const parsed = parseReadingsCsv(input.csv, timeZone, ctx.now.getTime() + CLOCK_SLACK_MS);
  const problems: CsvProblem[] = [...parsed.problems];
  const times = parsed.readings.map((r) => r.takenAt).sort();
  const saved = new Set(
    times.length ? (await repo.readingsOf(ctx.db, patient.id, { fromIso: times[0], toIso: times.at(-1) })).map((r) => `${r.measure}|${r.taken_at}`) : [],
  );
  const good = parsed.readings.filter((r) => {
    const key = `${r.measure}|${r.takenAt}`;
    if (saved.has(key)) {
      problems.push({ line: r.line, key: 'import_duplicate' });
      return false;
    }
    saved.add(key);
    return true;
  });
  problems.sort((a, b) => a.line - b.line);
  const answer = { lines: parsed.lines, problems: problems.slice(0, PROBLEMS_SHOWN), problemCount: problems.length };
  if (good.length === 0 || (problems.length > 0 && !input.goodLinesOnly)) return { ...answer, imported: 0, alertsRaised: 0 };

  const rows = await repo.insertReadings(ctx.db, good.map((r) => readingRow(ctx, patient.id, r, 'import')));
  rows.sort((a, b) => a.taken_at.localeCompare(b.taken_at) || a.id - b.id);
  await record(ctx, { action: 'readings.imported', actorId: session.userId, patientId: patient.id, detail: { count: rows.length } });
  const plans = await repo.plansOfPatient(ctx.db, patient.id);
  const alertsRaised = await raiseForReadings(ctx, rows, plans);
  announce(ctx, monitoringChange(patient.user_id, plans.map((p) => p.doctor_user_id)));
  return { ...answer, imported: rows.length, alertsRaised };
}

export async function mine(ctx: Ctx, range: ChartRange): Promise<Output<'monitoring.mine'>> {
  const patient = await ownPatient(ctx);
  // The alerts are those the patient's doctors handled, with their notes; open ones are the doctors' to look at first.
  const chart = await repo.ownChart(ctx.db, ctx.deps.dialect, patient.id, rangeStart(ctx.now, range));
  return {
    plans: await planViews(ctx, chart.plans, chart.measures),
    readings: chart.readings.map(readingView),
    alerts: await alertViews(ctx, chart.alerts, chart.readings),
    visits: chart.visits.map(visitView),
  };
}
