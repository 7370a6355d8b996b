import { addDays, zonedParts } from '../../../shared/clinic-time';
import type { FileContent, ParsedInput } from '../../../shared/contract';
import { record, recordView } from '../audit/audit.service';
import { clinicSettings } from '../clinic/clinic.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { appointmentsStarting, boardAppointment, boardDoctors, type BoardRow } from '../desk/desk.repo';
import { doctorById } from '../doctors/doctors.repo';
import { longDay, specialityName } from '../pdf/wording';
import { scheduleBounds } from '../scheduling/appointments.service';
import { practisingDoctor } from '../scheduling/availability.service';
import { dayBounds } from '../scheduling/clinic-day';
import { appointmentsPdf, slipPdf, type SheetRow } from './sheets-pdf';

// The printed sheets as PDFs, open to whoever sees the same on screen: the desk's day list and slips (the day
// board), a doctor's own days (their schedule). Each patient on a sheet is an access to their data, recorded as
// the screens record theirs.

const PDF = 'application/pdf' as const;

/** The spelling printed on documents, where one is given (the fonts draw Latin script; see billing/names.ts). */
const printed = (name: string, latin: string | null) => latin ?? name;

/** The appointments a sheet lists: every one not cancelled, as the printed screens show. */
const listed = (rows: BoardRow[]) => rows.filter((r) => r.status !== 'cancelled');

function sheetRow(r: BoardRow, withPhone: boolean): SheetRow {
  return {
    start: r.start_at,
    end: r.end_at,
    patient: printed(r.patient_name, r.patient_latin_name),
    contact: r.holder_name === null ? null : printed(r.holder_name, r.holder_latin_name),
    phone: withPhone ? r.patient_phone : undefined,
    number: r.number,
    reason: r.reason,
    mode: r.mode as SheetRow['mode'],
    status: r.status as SheetRow['status'],
  };
}

async function clinicOf(ctx: Ctx) {
  const clinic = await clinicSettings(ctx);
  if (!clinic) throw new DomainError('CONFLICT', 'The clinic is not set up yet.');
  return clinic;
}

/** The front desk's day list: each doctor with appointments that day (or the one asked for), with the patients' phones. */
export async function dayList(ctx: Ctx, input: ParsedInput<'print.dayList'>): Promise<FileContent> {
  const session = requireSession(ctx);
  const clinic = await clinicOf(ctx);
  const { fromIso, toIso } = await dayBounds(ctx, input.date, input.date);
  const rows = listed(await appointmentsStarting(ctx.db, fromIso, toIso, input.doctorId));
  const doctors = (await boardDoctors(ctx.db, input.doctorId ? [input.doctorId] : [...new Set(rows.map((r) => r.doctor_id))])).filter((d) =>
    input.doctorId ? d.id === input.doctorId : rows.some((r) => r.doctor_id === d.id),
  );
  if (input.doctorId && doctors.length === 0) throw new DomainError('NOT_FOUND', 'No doctor has this number.');
  const one = input.doctorId ? doctors[0] : undefined;
  const bytes = await appointmentsPdf({
    clinic,
    title: 'Day list',
    subtitle: one ? `${printed(one.full_name, one.latin_name)} · ${longDay(input.date)}` : longDay(input.date),
    sections: doctors.map((d) => ({
      heading: printed(d.full_name, d.latin_name),
      aside: specialityName(d),
      rows: rows.filter((r) => r.doctor_id === d.id).map((r) => sheetRow(r, true)),
    })),
    printedAt: ctx.now,
  });
  await recordView(ctx, { action: 'appointment.day_list_printed', actorId: session.userId, detail: { date: input.date, doctorId: input.doctorId ?? null } }, rows.map((r) => r.patient_id));
  const who = one ? `-doctor-${one.id}` : '';
  return { mime: PDF, base64: bytes.toString('base64'), fileName: `day-list-${input.date}${who}.pdf` };
}

/** A patient's appointment slip, with the check-in code while the visit in person is still to come. */
export async function slip(ctx: Ctx, appointmentId: number): Promise<FileContent> {
  const session = requireSession(ctx);
  const clinic = await clinicOf(ctx);
  const row = await boardAppointment(ctx.db, appointmentId);
  if (!row) throw new DomainError('NOT_FOUND', 'No appointment has this number.');
  if (row.status === 'cancelled') throw new DomainError('CONFLICT', 'This appointment is cancelled: there is no slip to print.');
  const doctor = (await doctorById(ctx.db, row.doctor_id))!;
  const bytes = await slipPdf({
    clinic,
    number: row.number,
    patient: printed(row.patient_name, row.patient_latin_name),
    doctor: printed(row.doctor_name, row.doctor_latin_name),
    speciality: specialityName(doctor),
    start: row.start_at,
    end: row.end_at,
    mode: row.mode as SheetRow['mode'],
    checkInCode: row.status === 'booked' && row.mode === 'in_person' ? row.check_in_code : null,
    printedAt: ctx.now,
  });
  await record(ctx, { action: 'appointment.slip_printed', actorId: session.userId, patientId: row.patient_id, detail: { appointmentId } });
  return { mime: PDF, base64: bytes.toString('base64'), fileName: `appointment-slip-${row.number}.pdf` };
}

/** The signed-in doctor's own appointments over a day or a week: a section per day when there is more than one. */
export async function myDay(ctx: Ctx, input: ParsedInput<'print.myDay'>): Promise<FileContent> {
  const doctor = await practisingDoctor(ctx);
  const session = requireSession(ctx);
  const clinic = await clinicOf(ctx);
  const { fromIso, toIso } = await scheduleBounds(ctx, input);
  const rows = listed(await appointmentsStarting(ctx.db, fromIso, toIso, doctor.id));
  const days: string[] = [];
  for (let d = input.fromDate; d <= input.toDate; d = addDays(d, 1)) days.push(d);
  const single = days.length === 1;
  const name = printed(doctor.full_name, doctor.latin_name);
  const bytes = await appointmentsPdf({
    clinic,
    title: 'My appointments',
    subtitle: `${name} · ${single ? longDay(input.fromDate) : `${longDay(input.fromDate)} to ${longDay(input.toDate)}`}`,
    sections: days.map((day) => ({
      heading: single ? name : longDay(day),
      aside: single ? specialityName(doctor) : undefined,
      rows: rows.filter((r) => zonedParts(new Date(r.start_at), clinic.timeZone).date === day).map((r) => sheetRow(r, false)),
    })),
    printedAt: ctx.now,
  });
  await recordView(ctx, { action: 'appointment.schedule_printed', actorId: session.userId, detail: { from: input.fromDate, to: input.toDate } }, rows.map((r) => r.patient_id));
  const span = single ? input.fromDate : `${input.fromDate}-to-${input.toDate}`;
  return { mime: PDF, base64: bytes.toString('base64'), fileName: `my-appointments-${span}.pdf` };
}
