import { describe, expect, it } from 'vitest';
import { newClinic, ok } from '../helpers/clinic';
import { billingClinic, issueBill, line } from '../helpers/billing';
import { ist } from '../helpers/scheduling';
import { outboxRows, smtpServer, useSmtp } from '../helpers/smtp';

describe('bill emails', () => {
  it('queue the receipt with the issue, and deliver it once the mail server is back', async () => {
    const clinic = await newClinic();
    const server = await smtpServer({ listen: false });
    await useSmtp(clinic, server.port);
    const c = await billingClinic(clinic, 1);
    const bill = await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000)]);
    const receipt = Buffer.from(ok(await clinic.call('bills.document', { billId: bill.id, which: 'receipt' }, c.desk.token)).base64, 'base64');
    // A payment before the email goes out stores a new receipt; the email keeps the one it was queued with.
    ok(await clinic.call('bills.pay', { billId: bill.id, method: 'cash', amountPaise: 10_000 }, c.desk.token));

    const row = (await outboxRows(clinic.app)).find((r) => r.kind === 'bill_issued')!;
    expect(row).toMatchObject({ recipient: c.asha.email, subject: 'Your bill ML/2025-26/000001 from Sunrise Clinic', status: 'pending' });
    expect(JSON.parse(row.attachments!)).toEqual([{ fileId: expect.any(String), filename: 'Receipt-ML-2025-26-000001.pdf', mime: 'application/pdf' }]);
    // The row names the file; the bytes stay in the file store.
    expect(row.content.length).toBeLessThan(10_000);

    expect(await clinic.app.sender.runOnce()).toMatchObject({ done: 0 });
    expect((await outboxRows(clinic.app)).find((r) => r.id === row.id)).toMatchObject({ status: 'pending', attempts: 1 });

    await server.start();
    clinic.clock.advanceMinutes(5);
    await clinic.app.sender.runOnce();
    const mail = server.received.find((r) => r.mail.subject === row.subject)!.mail;
    expect(mail.text).toContain('Total: ₹590.00');
    expect(mail.text).toContain('Balance due: ₹590.00');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Receipt-ML-2025-26-000001.pdf', 'application/pdf']]);
    expect(Buffer.from(mail.attachments[0]!.content).equals(receipt)).toBe(true);
  });

  it('retry, saying why, an email whose attachment the file store no longer has', async () => {
    const clinic = await newClinic();
    const server = await smtpServer();
    await useSmtp(clinic, server.port);
    const c = await billingClinic(clinic, 1);
    await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000)]);
    const row = (await outboxRows(clinic.app)).find((r) => r.kind === 'bill_issued')!;
    await clinic.app.deps.files.remove(JSON.parse(row.attachments!)[0].fileId);
    await clinic.app.sender.runOnce();
    expect((await outboxRows(clinic.app)).find((r) => r.id === row.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('Receipt-ML-2025-26-000001.pdf cannot be read') });
    expect(server.received.filter((r) => r.mail.subject === row.subject)).toEqual([]);
  });

  it('state the consultation fee in the booking confirmation', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 0);
    ok(await clinic.call('fees.saveMine', { own: { consultation_online: 45_000 } }, c.doctor.token));
    ok(await clinic.call('appointments.book', { doctorId: c.doctor.doctorId, start: ist('2026-03-03', '10:00'), mode: 'online' }, c.asha.token));
    ok(await clinic.call('appointments.book', { doctorId: c.doctor.doctorId, start: ist('2026-03-03', '11:00'), mode: 'in_person' }, c.vikram.token));
    const confirmations = (await outboxRows(clinic.app)).filter((r) => r.kind === 'booking_confirmation');
    expect(confirmations.map((r) => /Consultation fee: (₹[\d,.]+)/.exec(r.text)?.[1])).toEqual(['₹450.00', '₹500.00']);
  });
});
