import { describe, expect, it } from 'vitest';
import { newClinic, ok, refused } from '../helpers/clinic';
import { billingClinic, issueBill, line } from '../helpers/billing';
import { auditRows, expectNoWrites } from '../helpers/db';
import { practisingDoctor } from '../helpers/scheduling';

describe('who sees and does what with bills', () => {
  it('shows a patient only their own issued bills, a doctor only theirs, the desk and administrator all', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, ['asha', 'vikram']);
    const vikramVisit = c.appointments[1]!;
    const asha = await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000)]);
    const draft = ok(await clinic.call('bills.open', { appointmentId: vikramVisit }, c.desk.token));
    const other = await practisingDoctor(clinic, 'Dr Anil Shah');

    await expectNoWrites(clinic.app, async () => {
      // Another patient's bill, a draft, another doctor's: "not found", whatever the number.
      for (const [token, billId] of [[c.vikram.token, asha.id], [c.vikram.token, draft.id], [c.asha.token, draft.id], [other.token, asha.id]] as const) {
        expect(refused(await clinic.call('bills.get', { billId }, token)).code).toBe('NOT_FOUND');
        expect(refused(await clinic.call('bills.document', { billId, which: 'receipt' }, token)).code).toBe('NOT_FOUND');
      }
      expect(refused(await clinic.call('bills.document', { billId: draft.id, which: 'receipt' }, c.desk.token)).message).toMatch(/not issued/);
      expect(refused(await clinic.call('bills.document', { billId: asha.id, which: 'credit_note' }, c.desk.token)).message).toMatch(/no credit note/);
      expect(refused(await clinic.call('bills.saveDraft', { billId: draft.id, lines: [line('Consultation', 1)] }, c.vikram.token)).code).toBe('FORBIDDEN');
      expect(refused(await clinic.call('bills.export', { from: '2026-03-01', to: '2026-03-31' }, c.desk.token)).code).toBe('FORBIDDEN');
      expect(refused(await clinic.call('bills.list', {}, c.asha.token)).code).toBe('FORBIDDEN');
      expect(ok(await clinic.call('bills.mine', {}, c.vikram.token))).toEqual([]);
    });
    expect(ok(await clinic.call('bills.get', { billId: asha.id }, c.asha.token))).toMatchObject({ number: asha.number, canEdit: false, canPay: false, canCancel: false });
    expect(ok(await clinic.call('bills.list', {}, other.token))).toEqual([]);
    expect(ok(await clinic.call('bills.list', {}, c.doctor.token)).map((b) => b.id).sort()).toEqual([asha.id, draft.id].sort());
    expect(ok(await clinic.call('bills.list', { filter: 'draft' }, c.desk.token)).map((b) => b.id)).toEqual([draft.id]);
    expect(ok(await clinic.call('bills.list', { filter: 'unpaid' }, clinic.adminToken)).map((b) => b.id)).toEqual([asha.id]);
    expect(ok(await clinic.call('bills.list', { filter: 'paid' }, clinic.adminToken))).toEqual([]);
  });

  it('writes every issue, payment, credit note and look at a receipt by staff in the audit log, naming the patient', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 1);
    const bill = await issueBill(clinic, c.doctor.token, c.appointments[0]!, [line('Consultation', 50_000)]);
    ok(await clinic.call('bills.pay', { billId: bill.id, method: 'cash', amountPaise: 59_000 }, c.desk.token));
    ok(await clinic.call('bills.document', { billId: bill.id, which: 'receipt' }, c.desk.token));
    ok(await clinic.call('bills.document', { billId: bill.id, which: 'receipt' }, c.asha.token));
    ok(await clinic.call('bills.creditNote', { billId: bill.id, reason: 'Duplicate of a paper bill', refundPaise: 59_000, refundMethod: 'cash' }, clinic.adminToken));
    ok(await clinic.call('bills.export', { from: '2026-03-01', to: '2026-03-31' }, clinic.adminToken));

    const entries = (await auditRows(clinic.app)).filter((r) => r.action.startsWith('bill.') && r.action !== 'bill.viewed');
    const [doctorId, deskId, adminId] = await Promise.all([c.doctor.token, c.desk.token, clinic.adminToken].map(async (t) => ok(await clinic.call('auth.session', {}, t)).id));
    expect(entries.map((e) => [e.action, e.actor_user_id, e.patient_id])).toEqual([
      ['bill.issued', doctorId, c.asha.patientId],
      ['bill.paid', deskId, c.asha.patientId],
      // The patient's own look is not an access by someone else.
      ['bill.document_viewed', deskId, c.asha.patientId],
      ['bill.credit_note_issued', adminId, c.asha.patientId],
      ['bill.exported', adminId, null],
    ]);
    expect(JSON.parse(entries[1]!.detail)).toEqual({ billId: bill.id, number: 'ML/2025-26/000001', paidBy: 'cash', amountPaise: 59_000 });
    expect(JSON.parse(entries[3]!.detail)).toMatchObject({ creditNote: 'ML/CN/2025-26/000001', refundPaise: 59_000 });
    // Opening a patient's bill, as staff, is recorded too.
    expect((await auditRows(clinic.app, 'bill.viewed')).every((r) => r.patient_id === c.asha.patientId)).toBe(true);
  });

  it('exports the range’s bills and credit notes as CSV with a GST summary per rate, formulas made harmless', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 2);
    await clinic.app.deps.db.updateTable('patient_info').set({ full_name: '=HYPERLINK("http://x")' }).where('id', '=', c.asha.patientId).execute();
    const first = await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000), line('Medicine', 10_000, { category: 'medication' })]);
    await issueBill(clinic, c.desk.token, c.appointments[1]!, [line('Consultation', 50_000)]);
    ok(await clinic.call('bills.pay', { billId: first.id, method: 'cash', amountPaise: 70_800 }, c.desk.token));
    ok(await clinic.call('bills.creditNote', { billId: first.id, reason: 'Medicine was not given', refundPaise: 70_800, refundMethod: 'cash' }, c.desk.token));
    const out = ok(await clinic.call('bills.export', { from: '2026-03-03', to: '2026-03-03' }, clinic.adminToken));
    expect(out).toMatchObject({ filename: 'MedLink-bills-2026-03-03-to-2026-03-03.csv', bills: 2, creditNotes: 1 });
    const rows = out.csv.split('\r\n');
    expect(rows.slice(2, 6)).toEqual([
      'Document,Number,Date,Patient,Doctor,Place of supply,Taxable value,CGST,SGST,IGST,Total,Paid,Refunded,Status,Against',
      `Bill,ML/2025-26/000001,2026-03-03,"'=HYPERLINK(""http://x"")",Dr Rohan Mehta,27-Maharashtra,600.00,54.00,54.00,0.00,708.00,708.00,,cancelled,`,
      `Bill,ML/2025-26/000002,2026-03-03,"'=HYPERLINK(""http://x"")",Dr Rohan Mehta,27-Maharashtra,500.00,45.00,45.00,0.00,590.00,0.00,,unpaid,`,
      `Credit note,ML/CN/2025-26/000001,2026-03-03,"'=HYPERLINK(""http://x"")",Dr Rohan Mehta,27-Maharashtra,-600.00,-54.00,-54.00,0.00,-708.00,,708.00,,ML/2025-26/000001`,
    ]);
    expect(rows.slice(7, 11)).toEqual(['GST summary', 'GST rate,Taxable value,CGST,SGST,IGST,Total tax', '18%,500.00,45.00,45.00,0.00,90.00', 'Total,500.00,45.00,45.00,0.00,90.00']);
    // Nothing issued in another range.
    expect(ok(await clinic.call('bills.export', { from: '2026-03-04', to: '2026-03-31' }, clinic.adminToken))).toMatchObject({ bills: 0, creditNotes: 0 });
  });
});
