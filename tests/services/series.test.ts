import { describe, expect, it } from 'vitest';
import { newClinic, ok, refused, type Clinic } from '../helpers/clinic';
import { expectNoWrites } from '../helpers/db';
import { bookingClinic, ist } from '../helpers/scheduling';
import { outboxRows } from '../helpers/smtp';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune; the doctor sees patients 09:00–13:00 on weekdays.
const TUESDAYS = ['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24'];

const mails = async (clinic: Clinic, kind: string) => (await outboxRows(clinic.app)).filter((m) => m.kind === kind);
/** The visits of a series with a reminder in this state. */
const reminders = async (clinic: Clinic, status: string, series: { appointments: { id: number }[] }) =>
  (await clinic.app.deps.db.selectFrom('outbox').select('appointment_id').where('kind', '=', 'appointment_reminder').where('status', '=', status)
    .where('appointment_id', 'in', series.appointments.map((a) => a.id)).orderBy('appointment_id').execute()).map((r) => r.appointment_id);

async function seriesClinic(clinic: Clinic) {
  const setup = await bookingClinic(clinic);
  // Vikram already has the second Tuesday's 10:00.
  ok(await clinic.call('appointments.book', { doctorId: setup.doctor.doctorId, start: ist(TUESDAYS[1]!, '10:00'), mode: 'in_person' }, setup.vikram.token));
  const input = { doctorId: setup.doctor.doctorId, patientId: setup.asha.patientId, mode: 'in_person' as const };
  return { ...setup, input };
}

describe('repeat visits', () => {
  it('a weekly series with one clash is shown before anything is saved; placed by hand, the series is saved with one email and every reminder', async () => {
    const clinic = await newClinic();
    const { desk, asha, doctor, input } = await seriesClinic(clinic);
    const starts = TUESDAYS.map((d) => ist(d, '10:00'));

    const planned = ok(await expectNoWrites(clinic.app, () => clinic.call('series.check', { ...input, starts }, desk.token)));
    expect(planned.map((p) => p.problem)).toEqual([null, 'slot_taken', null, null]);
    const refusedBook = refused(await expectNoWrites(clinic.app, () => clinic.call('series.book', { ...input, starts, everyWeeks: 1, reason: 'Dressing change' }, desk.token)));
    expect(refusedBook).toMatchObject({ code: 'CONFLICT', fields: { 'starts.1': 'slot_taken' } });
    // Two visits at one time are a clash too.
    const twice = await clinic.call('series.check', { ...input, starts: [starts[0]!, starts[0]!] }, desk.token);
    expect(ok(twice).map((p) => p.problem)).toEqual([null, 'series_overlap']);

    const placed = [starts[0]!, ist(TUESDAYS[1]!, '10:15'), starts[2]!, starts[3]!];
    const series = ok(await clinic.call('series.book', { ...input, starts: placed, everyWeeks: 1, reason: 'Dressing change' }, desk.token));
    expect(series.appointments.map((a) => [a.start, a.seriesId, a.reason])).toEqual(placed.map((s) => [s, series.id, 'Dressing change']));
    const numbers = series.appointments.map((a) => a.number);
    expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2, numbers[0]! + 3]);

    // One email to the patient listing every date, with one invitation holding each visit; one to the doctor.
    const [patientMail] = await mails(clinic, 'series_booked');
    expect(await mails(clinic, 'series_booked')).toHaveLength(1);
    expect(patientMail!.recipient).toBe(asha.email);
    expect(patientMail!.subject).toBe('4 appointments booked with Dr Rohan Mehta from 3 March 2026, 10:00 am');
    for (const a of series.appointments) expect(patientMail!.text).toContain(`booking no. ${a.number}`);
    expect(patientMail!.text).toContain('Tuesday, 10 March 2026, 10:15 am');
    expect(patientMail!.ics!.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(await mails(clinic, 'doctor_series_booked')).toHaveLength(1);
    expect((await mails(clinic, 'booking_confirmation')).filter((m) => m.recipient === asha.email)).toHaveLength(0);
    // A reminder for each visit more than a day away (the first is tomorrow morning: it is already less).
    expect(await reminders(clinic, 'pending', series)).toEqual(series.appointments.slice(1).map((a) => a.id));

    // The doctor sees it in the diary; the desk can open it whole.
    expect(ok(await clinic.call('series.get', { seriesId: series.id }, doctor.token)).appointments).toHaveLength(4);
  });

  it('moving one visit leaves the others; moving the series moves what is still to come, with one email', async () => {
    const clinic = await newClinic();
    const { desk, input } = await seriesClinic(clinic);
    const series = ok(await clinic.call('series.book', { ...input, starts: [TUESDAYS[0], TUESDAYS[2], TUESDAYS[3]].map((d) => ist(d!, '11:00')), everyWeeks: 1 }, desk.token));
    const [first, second, third] = series.appointments;

    ok(await clinic.call('appointments.reschedule', { appointmentId: second!.id, start: ist(TUESDAYS[2]!, '12:00') }, desk.token));
    const after = ok(await clinic.call('series.get', { seriesId: series.id }, desk.token)).appointments;
    expect(after.map((a) => a.start)).toEqual([first!.start, ist(TUESDAYS[2]!, '12:00'), third!.start]);

    // The whole series a day later: each visit checked (one clash would refuse all), then all moved in one go.
    const wednesday = (iso: string) => new Date(Date.parse(iso) + 86_400_000).toISOString();
    const moves = after.map((a) => ({ appointmentId: a.id, start: wednesday(a.start) }));
    const moved = ok(await clinic.call('series.move', { seriesId: series.id, moves }, desk.token));
    expect(moved.appointments.map((a) => a.start)).toEqual(moves.map((m) => m.start));
    const [mail] = await mails(clinic, 'series_moved');
    expect(mail!.ics!.match(/SEQUENCE:(\d)/g)).toEqual(['SEQUENCE:1', 'SEQUENCE:2', 'SEQUENCE:1']);
    expect(await mails(clinic, 'doctor_series_moved')).toHaveLength(1);
    // Each visit has one reminder waiting, at its new time.
    expect(await reminders(clinic, 'pending', series)).toEqual(after.map((a) => a.id));
  });

  it('cancelling the series cancels every visit still to come with one email, and withdraws every reminder', async () => {
    const clinic = await newClinic();
    const { desk, input } = await seriesClinic(clinic);
    const series = ok(await clinic.call('series.book', { ...input, starts: TUESDAYS.map((d) => ist(d, '12:00')), everyWeeks: 1 }, desk.token));
    const cancelled = ok(await clinic.call('series.cancel', { seriesId: series.id, reason: 'The wound has healed' }, desk.token));
    expect(cancelled.appointments.map((a) => a.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(await reminders(clinic, 'pending', series)).toEqual([]);
    expect(await reminders(clinic, 'cancelled', series)).toEqual(series.appointments.map((a) => a.id));
    const [mail] = await mails(clinic, 'series_cancelled');
    expect(mail!.ics).toContain('METHOD:CANCEL');
    expect(mail!.ics!.match(/STATUS:CANCELLED/g)).toHaveLength(4);
    expect(mail!.text).toContain('The wound has healed');
    expect((await mails(clinic, 'appointment_cancelled')).filter((m) => series.appointments.some((a) => a.id === m.appointment_id))).toHaveLength(0);
    expect(refused(await clinic.call('series.cancel', { seriesId: series.id, reason: 'Again' }, desk.token)).code).toBe('CONFLICT');
  });

  it('a doctor books repeat visits in their own diary for a patient they see, and no one else', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram } = await seriesClinic(clinic);
    const starts = [TUESDAYS[0], TUESDAYS[2]].map((d) => ist(d!, '09:00'));
    const stranger = await expectNoWrites(clinic.app, () => clinic.call('series.book', { patientId: asha.patientId, mode: 'in_person', starts, everyWeeks: 2 }, doctor.token));
    expect(refused(stranger).code).toBe('NOT_FOUND');
    const series = ok(await clinic.call('series.book', { patientId: vikram.patientId, mode: 'in_person', starts, everyWeeks: 2 }, doctor.token));
    expect(series).toMatchObject({ everyWeeks: 2, patientName: 'Vikram Rao', doctorId: doctor.doctorId });
    const patientTries = await clinic.call('series.get', { seriesId: series.id }, vikram.token);
    expect(refused(patientTries).code).toBe('FORBIDDEN');
  });
});
