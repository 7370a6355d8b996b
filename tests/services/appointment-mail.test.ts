import { describe, expect, it } from 'vitest';
import { qrPng } from '../../electron/core/mail/qr-image';
import { formatCheckInCode } from '../../shared/check-in-code';
import { newClinic, ok, signupPatient } from '../helpers/clinic';
import { patientSignupInput } from '../helpers/data';
import { bookingClinic, ist } from '../helpers/scheduling';
import { outboxRows, smtpServer, useSmtp } from '../helpers/smtp';

const TUESDAY = '2026-03-03';

describe('what an appointment tells people', () => {
  it('booking, moving and cancelling queue the patient invitation, the doctor notice and one live reminder', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const outbox = () => clinic.app.deps.db.selectFrom('outbox').select(['kind', 'recipient', 'status', 'ics', 'due_at']).orderBy('id').execute();

    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'online' }, asha.token));
    let rows = await outbox();
    const kinds = rows.filter((r) => r.kind !== 'verification_approved').map((r) => [r.kind, r.recipient, r.status]);
    expect(kinds).toEqual([
      ['booking_confirmation', asha.email, 'pending'],
      ['appointment_reminder', asha.email, 'pending'],
      ['doctor_new_booking', doctor.email, 'pending'],
    ]);
    const confirmation = (await outboxRows(clinic.app)).find((r) => r.kind === 'booking_confirmation')!;
    expect(confirmation.text).toContain(`Booking no.: ${a.number}`);
    const invite = rows.find((r) => r.kind === 'booking_confirmation')!.ics!;
    expect(invite).toContain('METHOD:REQUEST');
    expect(invite).toContain('SEQUENCE:0');
    expect(rows.find((r) => r.kind === 'appointment_reminder')!.due_at).toBe(new Date(Date.parse(ist(TUESDAY, '11:00')) - 24 * 3_600_000).toISOString());

    ok(await clinic.call('appointments.reschedule', { appointmentId: a.id, start: ist(TUESDAY, '12:00') }, asha.token));
    rows = await outbox();
    const moved = rows.find((r) => r.kind === 'appointment_rescheduled')!;
    expect(moved.ics).toContain('SEQUENCE:1');
    expect(moved.ics!.match(/UID:(.+)/)![1]).toBe(invite.match(/UID:(.+)/)![1]);
    expect(rows.filter((r) => r.kind === 'appointment_reminder').map((r) => r.status)).toEqual(['cancelled', 'pending']);

    ok(await clinic.call('appointments.cancel', { appointmentId: a.id, reason: 'Feeling better' }, asha.token));
    rows = await outbox();
    expect(rows.find((r) => r.kind === 'appointment_cancelled')!.ics).toContain('METHOD:CANCEL');
    expect(rows.filter((r) => r.kind === 'appointment_reminder').map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(rows.some((r) => r.kind === 'doctor_cancelled' && r.recipient === doctor.email)).toBe(true);
  });

  it("a patient's email and every window say how to reach the clinic, once its administrator has given its phone and email", async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const settings = ok(await clinic.call('settings.get', {}, clinic.adminToken));
    ok(await clinic.call('settings.update', { ...settings, phone: '020 2612 3456', email: 'desk@sunrise.example' }, clinic.adminToken));
    expect(ok(await clinic.call('setup.status', {})).contact).toEqual({ address: settings.address, phone: '020 2612 3456', email: 'desk@sunrise.example' });
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'online' }, asha.token));
    const mail = (await outboxRows(clinic.app)).find((r) => r.kind === 'booking_confirmation')!;
    expect(mail.text).toContain('To contact the clinic: phone 020 2612 3456, email desk@sunrise.example.');
  });

  it("the administrator's mail queue shows an appointment's mail by kind and masked address, never who or when", async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'online' }, asha.token));
    const queue = ok(await clinic.call('mail.queue', {}, clinic.adminToken)).messages;
    const about = (kind: string) => queue.find((m) => m.kind === kind)!;
    expect(about('booking_confirmation')).toMatchObject({ recipient: `${asha.email[0]}•••@${asha.email.split('@')[1]}`, subject: null });
    expect(about('doctor_new_booking')).toMatchObject({ subject: null });
    expect(JSON.stringify(queue)).not.toContain('Asha');
    expect(JSON.stringify(queue)).not.toContain(asha.email);
    // Mail about no patient stays readable.
    expect(about('verification_approved')).toMatchObject({ recipient: doctor.email, subject: expect.stringContaining('verified') });
  });

  it('mail queued while the mail server is down says what was true when it was queued, in the reader\'s language', async () => {
    const clinic = await newClinic();
    const server = await smtpServer({ listen: false });
    await useSmtp(clinic, server.port);
    const { doctor } = await bookingClinic(clinic);
    const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Meera Joshi', phone: '9822077777', preferredLanguage: 'hi' }));
    const a = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'in_person' }, asha.token));
    ok(await clinic.call('appointments.reschedule', { appointmentId: a.id, start: ist(TUESDAY, '12:00') }, asha.token));
    expect(await clinic.app.sender.runOnce()).toMatchObject({ done: 0 });

    await server.start();
    clinic.clock.advanceMinutes(5);
    await clinic.app.sender.runOnce();
    const toAsha = server.received.filter((r) => r.envelopeTo.includes(asha.email)).map((r) => r.mail);
    // The confirmation keeps the time it confirmed; the move names both; both in Hindi, each with the QR image.
    expect(toAsha).toHaveLength(2);
    const [confirmed, moved] = toAsha;
    expect(confirmed!.text).toContain('3 मार्च 2026, 11:00 am');
    expect(confirmed!.text).not.toContain('12:00 pm');
    expect(moved!.text).toContain('12:00 pm');
    expect(moved!.text).toContain('11:00 am');
    for (const m of toAsha) expect(m.attachments.filter((x) => x.contentType === 'image/png').map((x) => x.cid)).toEqual(['check-in-code@medlink']);
  });

  it('a visit in person is confirmed with its check-in code, in words and as a QR image the message carries inline', async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram } = await bookingClinic(clinic);
    const server = await smtpServer();
    await useSmtp(clinic, server.port);
    const visit = ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:00'), mode: 'in_person' }, asha.token));
    // An online consultation has no kiosk to check in at: no code in its emails.
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '11:30'), mode: 'online' }, vikram.token));
    await clinic.app.sender.runOnce();

    const toPatient = (to: string) => server.received.filter((r) => r.envelopeTo.includes(to)).map((r) => r.mail);
    const [confirmation] = toPatient(asha.email).filter((m) => m.subject?.startsWith('Appointment confirmed'));
    const code = visit.checkInCode!;
    expect(confirmation!.text).toContain(`Check-in code: ${formatCheckInCode(code)}`);
    expect(confirmation!.html).toContain(formatCheckInCode(code));
    // The HTML names the image by its Content-ID; the reader's mail program (here mailparser) finds it in the message.
    const row = (await outboxRows(clinic.app)).find((r) => r.kind === 'booking_confirmation' && r.recipient === asha.email)!;
    expect(row.html).toContain('<img src="cid:check-in-code@medlink" alt="Check-in code"');
    expect(confirmation!.html).toContain(`<img src="data:image/png;base64,${qrPng(code).toString('base64')}" alt="Check-in code"`);
    const images = confirmation!.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.map((a) => [a.cid, a.contentDisposition, a.related])).toEqual([['check-in-code@medlink', 'inline', true]]);
    expect(images[0]!.content.equals(qrPng(code))).toBe(true);

    const [online] = toPatient(vikram.email).filter((m) => m.subject?.startsWith('Appointment confirmed'));
    expect(online!.text).not.toContain('Check-in code');
    expect(online!.attachments.filter((a) => a.contentType === 'image/png')).toEqual([]);
  });
});
