import { describe, expect, it } from 'vitest';
import { newClinic, ok, refused, signupDoctor, type Clinic } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { settingsInput } from '../helpers/data';
import { expectTidy } from '../helpers/pdf-expect';
import { bookingClinic, ist, practisingDoctor } from '../helpers/scheduling';

// The sheets the desk and the doctors print, as PDFs read back with pdf.js the way a person reads them.
// The test clock stands on Monday 2 March 2026, 10:00 in Pune; doctors need two hours' notice.
const MONDAY = '2026-03-02';
const TUESDAY = '2026-03-03';

async function printingClinic(clinic: Clinic) {
  const setup = await bookingClinic(clinic);
  const rao = await practisingDoctor(clinic, 'Dr Anjali Rao');
  ok(await clinic.call('settings.update', settingsInput({ phone: '020 2612 3456', email: 'desk@sunrise.example' }), clinic.adminToken));
  const { asha, vikram, desk, doctor } = setup;
  const child = ok(await clinic.call('family.add', { fullName: 'Aarav Kulkarni', relation: 'child', dateOfBirth: '2019-06-02', sex: 'male' }, asha.token));
  const book = async (token: string, doctorId: number, time: string, extra: Record<string, unknown> = {}) =>
    ok(await clinic.call('appointments.book', { doctorId, start: ist(MONDAY, time), mode: 'in_person', ...extra }, token));
  const ashaVisit = await book(asha.token, doctor.doctorId, '12:15', { reason: 'Knee pain after a fall' });
  const childVisit = await book(asha.token, doctor.doctorId, '12:45', { patientId: child.id, reason: 'Fever for three days' });
  const vikramVisit = await book(vikram.token, rao.doctorId, '12:30', { mode: 'online', reason: 'Follow-up on blood sugar' });
  const cancelled = await book(desk.token, rao.doctorId, '12:00', { patientId: asha.patientId, reason: 'Cancelled visit' });
  ok(await clinic.call('appointments.cancel', { appointmentId: cancelled.id, reason: 'Patient is travelling' }, desk.token));
  return { ...setup, rao, child, ashaVisit, childVisit, vikramVisit, cancelled };
}

const pdfOf = async (clinic: Clinic, channel: 'print.dayList' | 'print.slip' | 'print.myDay', input: Record<string, unknown>, token: string) => {
  const file = ok(await clinic.call(channel, input as never, token));
  expect(file.mime).toBe('application/pdf');
  return { fileName: file.fileName, pages: await expectTidy(Buffer.from(file.base64, 'base64')) };
};
const textOf = (pages: { lines: string[] }[]) => pages.flatMap((p) => p.lines).join('\n');

describe('the day list as a PDF', () => {
  it('lists every doctor with appointments that day: times, patients (a child with their holder), phones, booking numbers and reasons, under the clinic’s contact', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    const { fileName, pages } = await pdfOf(clinic, 'print.dayList', { date: MONDAY }, s.desk.token);
    expect(fileName).toBe(`day-list-${MONDAY}.pdf`);
    const text = textOf(pages);
    expect(pages[0]!.lines[0]).toBe('Sunrise Clinic Day list');
    expect(text).toContain('Phone 020 2612 3456 · desk@sunrise.example');
    expect(text).toContain('Monday, 2 Mar 2026');
    // Doctors in name order, each with their own appointments in start order.
    expect(text.indexOf('Dr Anjali Rao')).toBeLessThan(text.indexOf('Dr Rohan Mehta'));
    const lines = pages[0]!.lines;
    const rowOf = (number: number) => lines.find((l) => /^\d{1,2}:\d\d [ap]m/.test(l) && l.includes(` ${number} `))!;
    expect(rowOf(s.ashaVisit.number)).toMatch(/^12:15 pm – 12:30 pm Asha Kulkarni \d+ \d+ Knee pain after a fall In person$/);
    expect(rowOf(s.childVisit.number)).toMatch(/^12:45 pm – 1:00 pm Aarav Kulkarni \d+ \d+ Fever for three days In person$/);
    expect(lines[lines.indexOf(rowOf(s.childVisit.number)) + 1]).toBe('contact: Asha Kulkarni');
    // A reason longer than its column wraps under itself.
    expect(rowOf(s.vikramVisit.number)).toMatch(/^12:30 pm – 12:45 pm Vikram Rao 9822055555 \d+ Follow-up on blood Online$/);
    expect(lines[lines.indexOf(rowOf(s.vikramVisit.number)) + 1]).toBe('sugar');
    // A cancelled visit is not on the list.
    expect(text).not.toContain('Cancelled visit');

    const [audit] = await auditRows(clinic.app, 'appointment.day_list_printed');
    expect(audit).toMatchObject({ actor_user_id: s.desk.id });
    expect(JSON.parse(audit!.detail!)).toEqual({ date: MONDAY, doctorId: null, patientIds: [s.asha.patientId, s.vikram.patientId, s.child.id].sort((a, b) => a - b) });
  });

  it('for one doctor, lists only theirs; an unknown doctor is refused; a day without appointments says so', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    const { fileName, pages } = await pdfOf(clinic, 'print.dayList', { date: MONDAY, doctorId: s.rao.doctorId }, s.desk.token);
    expect(fileName).toBe(`day-list-${MONDAY}-doctor-${s.rao.doctorId}.pdf`);
    const text = textOf(pages);
    expect(text).toContain('Dr Anjali Rao · Monday, 2 Mar 2026');
    expect(text).toContain('Vikram Rao');
    expect(text).not.toContain('Asha Kulkarni');
    expect(text).not.toContain('Dr Rohan Mehta');

    expect(refused(await clinic.call('print.dayList', { date: MONDAY, doctorId: 9999 }, s.desk.token)).code).toBe('NOT_FOUND');
    const empty = textOf((await pdfOf(clinic, 'print.dayList', { date: TUESDAY }, s.desk.token)).pages);
    expect(empty).toContain('No appointments.');
  });

  it('is refused to patients and doctors, and refusing writes nothing', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    for (const token of [s.asha.token, s.doctor.token]) {
      const r = await expectNoWrites(clinic.app, () => clinic.call('print.dayList', { date: MONDAY }, token));
      expect(refused(r).code).toBe('FORBIDDEN');
    }
  });

  it('runs onto as many pages as it needs, repeating the doctor and the column heads, long names and reasons wrapped inside the margins', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    const reason = 'Dressing change after surgery on the left forearm, with a check of the stitches and of the swelling around them';
    for (let n = 0; n < 16; n++) {
      const walkIn = ok(await clinic.call('patients.registerWalkIn', { fullName: `Venkata Subramanya Lakshminarayana Ramachandran ${n + 1}`, phone: '9822044444' }, s.desk.token));
      const time = `${String(9 + Math.floor(n / 4)).padStart(2, '0')}:${String((n % 4) * 15).padStart(2, '0')}`;
      ok(await clinic.call('appointments.book', { doctorId: s.doctor.doctorId, start: ist(TUESDAY, time), mode: 'in_person', patientId: walkIn.id, reason }, s.desk.token));
    }
    const { pages } = await pdfOf(clinic, 'print.dayList', { date: TUESDAY }, s.desk.token);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]!.lines[0]).toBe('Dr Rohan Mehta (continued)');
    expect(pages[1]!.lines[1]).toBe('Time Patient Phone Booking no. Reason Visit');
    const text = textOf(pages);
    for (let n = 1; n <= 16; n++) expect(text).toContain(`Ramachandran ${n}`);
    expect(text).toContain('12:45 pm – 1:00 pm');
  });

  it('prints a name written in Devanagari in the Latin spelling given for documents', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    const walkIn = ok(await clinic.call('patients.registerWalkIn', { fullName: 'सुनीता देशपांडे', phone: '9822077777' }, s.desk.token));
    await clinic.app.deps.db.updateTable('patient_info').set({ latin_name: 'Sunita Deshpande' }).where('id', '=', walkIn.id).execute();
    ok(await clinic.call('appointments.book', { doctorId: s.doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'in_person', patientId: walkIn.id }, s.desk.token));
    const text = textOf((await pdfOf(clinic, 'print.dayList', { date: TUESDAY }, s.desk.token)).pages);
    expect(text).toContain('Sunita Deshpande');
  });
});

describe('the appointment slip as a PDF', () => {
  it('gives the clinic’s contact, the doctor, the time, the booking number and the check-in code for a visit in person; audited', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    const board = ok(await clinic.call('desk.board', { date: MONDAY }, s.desk.token));
    const code = board.doctors.flatMap((d) => d.appointments).find((a) => a.id === s.ashaVisit.id)!.checkInCode!;
    const { fileName, pages } = await pdfOf(clinic, 'print.slip', { appointmentId: s.ashaVisit.id }, s.desk.token);
    expect(fileName).toBe(`appointment-slip-${s.ashaVisit.number}.pdf`);
    expect(pages).toHaveLength(1);
    const lines = pages[0]!.lines;
    expect(lines[0]).toBe('Sunrise Clinic Appointment slip');
    expect(lines).toContain(`Booking no. (quote it to the clinic) ${s.ashaVisit.number}`);
    expect(lines).toContain('Patient Asha Kulkarni');
    expect(lines).toContain('Doctor Dr Rohan Mehta · General medicine');
    expect(lines).toContain('Date and time Monday, 2 Mar 2026, 12:15 pm – 12:30 pm');
    expect(lines).toContain('Visit In person');
    expect(lines).toContain(`Check-in code ${code.slice(0, 3)}-${code.slice(3)}`);
    expect(lines).toContain('Sunrise Clinic: Phone 020 2612 3456 · desk@sunrise.example');
    expect(await auditRows(clinic.app, 'appointment.slip_printed')).toMatchObject([
      { actor_user_id: s.desk.id, patient_id: s.asha.patientId, detail: JSON.stringify({ appointmentId: s.ashaVisit.id }) },
    ]);
  });

  it('has no check-in code for a video visit; a cancelled visit has no slip; patients and doctors are refused', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    const text = textOf((await pdfOf(clinic, 'print.slip', { appointmentId: s.vikramVisit.id }, s.desk.token)).pages);
    expect(text).toContain('Visit Online');
    expect(text).not.toContain('Check-in code');
    expect(text).toContain('open the video link');

    expect(refused(await clinic.call('print.slip', { appointmentId: s.cancelled.id }, s.desk.token)).code).toBe('CONFLICT');
    expect(refused(await clinic.call('print.slip', { appointmentId: 9999 }, s.desk.token)).code).toBe('NOT_FOUND');
    for (const token of [s.asha.token, s.doctor.token]) {
      const r = await expectNoWrites(clinic.app, () => clinic.call('print.slip', { appointmentId: s.ashaVisit.id }, token));
      expect(refused(r).code).toBe('FORBIDDEN');
    }
  });
});

describe('a doctor’s own day as a PDF', () => {
  it('lists their own patients only, with times, booking numbers and reasons; audited', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    const { fileName, pages } = await pdfOf(clinic, 'print.myDay', { fromDate: MONDAY, toDate: MONDAY }, s.doctor.token);
    expect(fileName).toBe(`my-appointments-${MONDAY}.pdf`);
    const text = textOf(pages);
    expect(pages[0]!.lines[0]).toBe('Sunrise Clinic My appointments');
    expect(text).toContain('Dr Rohan Mehta · Monday, 2 Mar 2026');
    expect(text).toContain(`12:15 pm – 12:30 pm Asha Kulkarni ${s.ashaVisit.number} Knee pain after a fall In person`);
    expect(text).toContain(`12:45 pm – 1:00 pm Aarav Kulkarni ${s.childVisit.number} Fever for three days In person`);
    // Dr Rao's patient is not on Dr Mehta's sheet, nor is anyone's phone.
    expect(text).not.toContain('Vikram Rao');
    expect(text).not.toContain('Follow-up on blood sugar');
    expect(text).not.toContain('9822055555');
    const [audit] = await auditRows(clinic.app, 'appointment.schedule_printed');
    expect(audit).toMatchObject({ actor_user_id: s.doctor.login.user.id });
    expect(JSON.parse(audit!.detail!)).toMatchObject({ from: MONDAY, to: MONDAY });
  });

  it('prints a week as a section per day; a month at most; refused to the desk, patients and a doctor not yet verified', async () => {
    const clinic = await newClinic();
    const s = await printingClinic(clinic);
    const text = textOf((await pdfOf(clinic, 'print.myDay', { fromDate: MONDAY, toDate: '2026-03-08' }, s.rao.token)).pages);
    expect(text).toContain('Dr Anjali Rao · Monday, 2 Mar 2026 to Sunday, 8 Mar 2026');
    expect(text).toMatch(/Monday, 2 Mar 2026\nTime Patient Booking no\. Reason Visit\n12:30 pm – 12:45 pm Vikram Rao/);
    expect(text).toMatch(/Tuesday, 3 Mar 2026\nNo appointments\./);
    expect(text).not.toContain('Asha Kulkarni');

    const long = await clinic.call('print.myDay', { fromDate: MONDAY, toDate: '2026-04-15' }, s.rao.token);
    expect(refused(long).fields).toEqual({ toDate: 'range_invalid' });
    const pending = await signupDoctor(clinic);
    expect(refused(await clinic.call('print.myDay', { fromDate: MONDAY, toDate: MONDAY }, pending.token)).code).toBe('FORBIDDEN');
    for (const token of [s.desk.token, s.asha.token]) {
      const r = await expectNoWrites(clinic.app, () => clinic.call('print.myDay', { fromDate: MONDAY, toDate: MONDAY }, token));
      expect(refused(r).code).toBe('FORBIDDEN');
    }
  });
});
