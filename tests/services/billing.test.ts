import { describe, expect, it } from 'vitest';
import { newClinic, ok, refused } from '../helpers/clinic';
import { billingClinic, issueBill, line, linesOf } from '../helpers/billing';
import { expectNoWrites } from '../helpers/db';
import { practisingDoctor } from '../helpers/scheduling';
import { TAX_DEFAULTS } from '../../electron/core/billing/billing-settings';

const FEES = { consultation_in_person: 50_000, consultation_online: 40_000, lab_test: 30_000, medication: 20_000, other: 10_000 };

describe('bills: fees and the first draft', () => {
  it('starts from the clinic’s default fee, or the doctor’s own once set, and shows which is which', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 2);
    const schedule = ok(await clinic.call('fees.mine', {}, c.doctor.token));
    expect(schedule.own).toEqual({ consultation_in_person: null, consultation_online: null, lab_test: null, medication: null, other: null });
    expect(schedule.clinicDefaults).toEqual(FEES);

    const first = ok(await clinic.call('bills.open', { appointmentId: c.appointments[0]! }, c.doctor.token));
    expect(linesOf(first)).toEqual([line('Consultation (in person)', 50_000)]);
    expect(first).toMatchObject({ status: 'draft', number: null, supply: 'intra', placeOfSupply: '27-Maharashtra', fees: FEES, canEdit: true, canPay: false });
    // Opening it again (another window, another seat) finds the same bill.
    expect(ok(await clinic.call('bills.open', { appointmentId: c.appointments[0]! }, c.desk.token)).id).toBe(first.id);

    const own = { consultation_in_person: 65_000, lab_test: 45_000 };
    expect(ok(await clinic.call('fees.saveMine', { own }, c.doctor.token)).own).toEqual({ ...schedule.own, ...own });
    const second = ok(await clinic.call('bills.open', { appointmentId: c.appointments[1]! }, c.desk.token));
    expect(linesOf(second)).toEqual([line('Consultation (in person)', 65_000)]);
    expect(second.fees).toEqual({ ...FEES, consultation_in_person: 65_000, lab_test: 45_000 });
    // The administrator's defaults change what the doctor has not set, and nothing else.
    ok(await clinic.call('billing.saveSettings', { fees: { ...FEES, lab_test: 35_000, consultation_in_person: 55_000 }, taxes: TAX_DEFAULTS }, clinic.adminToken));
    expect(ok(await clinic.call('bills.get', { billId: second.id }, c.desk.token)).fees).toMatchObject({ consultation_in_person: 65_000, lab_test: 45_000 });
  });

  it('is refused for a visit not yet checked in, another doctor’s visit, and a patient', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 1);
    const booked = ok(await clinic.call('appointments.book', { doctorId: c.doctor.doctorId, start: '2026-03-04T04:30:00.000Z', mode: 'online', patientId: c.vikram.patientId }, c.desk.token));
    await expectNoWrites(clinic.app, async () => {
      expect(refused(await clinic.call('bills.open', { appointmentId: booked.id }, c.desk.token)).code).toBe('CONFLICT');
      expect(refused(await clinic.call('bills.open', { appointmentId: c.appointments[0]! }, c.asha.token)).code).toBe('FORBIDDEN');
      expect(refused(await clinic.call('bills.open', { appointmentId: 9999 }, c.desk.token)).code).toBe('NOT_FOUND');
    });
    const other = await practisingDoctor(clinic, 'Dr Anil Shah');
    await expectNoWrites(clinic.app, async () => {
      expect(refused(await clinic.call('bills.open', { appointmentId: c.appointments[0]! }, other.token)).code).toBe('NOT_FOUND');
    });
  });
});

/** Issues one bill with `lines` for a visit of Asha's (or of a patient from Karnataka) and returns it. */
async function issued(options: { lines: Parameters<typeof issueBill>[3]; gstin?: null; karnataka?: boolean; rates?: Partial<Record<'consultation' | 'lab_test', number>> }) {
  const clinic = await newClinic();
  const c = await billingClinic(clinic, [options.karnataka ? { walkIn: { fullName: 'Kiran Gowda', phone: '9845012345', state: 'Karnataka' } } : 'asha'], { gstin: options.gstin });
  if (options.rates) {
    const taxes = structuredClone(TAX_DEFAULTS);
    for (const [k, v] of Object.entries(options.rates)) taxes[k as 'consultation'].rateBp = v;
    ok(await clinic.call('billing.saveSettings', { fees: FEES, taxes }, clinic.adminToken));
  }
  return issueBill(clinic, c.desk.token, c.appointments[0]!, options.lines);
}

describe('bills: amounts', () => {
  it.each([
    {
      name: 'half a paisa rounds up, on each of CGST and SGST',
      options: { lines: [line('Dressing', 50), line('Dressing', 50)] },
      totals: { taxablePaise: 100, cgstPaise: 10, sgstPaise: 10, igstPaise: 0, taxPaise: 20, totalPaise: 120 },
    },
    {
      name: 'IGST, not CGST and SGST, for a patient from another state',
      options: { lines: [line('Dressing', 50), line('Consultation', 50_000)], karnataka: true },
      totals: { taxablePaise: 50_050, cgstPaise: 0, sgstPaise: 0, igstPaise: 9_009, taxPaise: 9_009, totalPaise: 59_059 },
      supply: 'inter',
    },
    {
      name: '0% lines carry no tax beside taxed ones',
      options: { lines: [line('Consultation', 50_000), line('CBC', 30_000, { category: 'lab_test' })], rates: { consultation: 0 } },
      totals: { taxablePaise: 80_000, cgstPaise: 2_700, sgstPaise: 2_700, igstPaise: 0, taxPaise: 5_400, totalPaise: 85_400 },
    },
    {
      name: 'no GSTIN: a bill of supply without tax',
      options: { lines: [line('Consultation', 50_000), line('CBC', 30_001, { category: 'lab_test', quantity: 2 })], gstin: null },
      totals: { taxablePaise: 110_002, cgstPaise: 0, sgstPaise: 0, igstPaise: 0, taxPaise: 0, totalPaise: 110_002 },
      supply: 'none',
    },
    {
      name: 'large amounts stay exact',
      options: { lines: [line('Surgery package', 1_000_000_000, { category: 'other', quantity: 9 }), line('Implant', 99_99_99_999_99, { category: 'medication' })] },
      // 9% of ₹9,99,99,99,999.99 is ₹89,99,99,999.9991: ₹90,00,00,000.00 each half.
      totals: { taxablePaise: 108_999_999_999, cgstPaise: 9_810_000_000, sgstPaise: 9_810_000_000, igstPaise: 0, taxPaise: 19_620_000_000, totalPaise: 128_619_999_999 },
    },
  ])('$name', async ({ options, totals, supply }) => {
    const bill = await issued(options as Parameters<typeof issued>[0]);
    expect(bill.totals).toMatchObject(totals);
    expect(bill.supply).toBe(supply ?? 'intra');
    expect(bill).toMatchObject({ status: 'issued', number: 'ML/2025-26/000001', balancePaise: totals.totalPaise, paidPaise: 0, canEdit: false, canPay: true });
    // Each line's tax is its own rounding; the bill's is their sum.
    expect(bill.lines.reduce((s, l) => s + l.totalPaise, 0)).toBe(totals.totalPaise);
  });

  it('prices 30 lines one by one and numbers one bill', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => line(`Item ${i + 1}`, 1_001 + i * 37, { category: (['consultation', 'lab_test', 'medication', 'other'] as const)[i % 4], quantity: 1 + (i % 3) }));
    const bill = await issued({ lines });
    expect(bill.lines).toHaveLength(30);
    let tax = 0;
    for (const [i, l] of bill.lines.entries()) {
      const taxable = lines[i]!.quantity * lines[i]!.unitPaise;
      // 9% each half, half up, per line.
      const half = Math.floor((taxable * 900 * 2 + 10_000) / 20_000);
      expect(l).toMatchObject({ taxablePaise: taxable, cgstPaise: half, sgstPaise: half, sacCode: TAX_DEFAULTS[l.category].code });
      tax += 2 * half;
    }
    expect(bill.totals.taxPaise).toBe(tax);
  });
});

describe('bills: editing and issuing', () => {
  it('refuses bad lines with a message per field and keeps the draft as it was', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 1);
    const draft = ok(await clinic.call('bills.open', { appointmentId: c.appointments[0]! }, c.desk.token));
    await expectNoWrites(clinic.app, async () => {
      const bad = refused(await clinic.call('bills.issue', { billId: draft.id, lines: [line('', 50_000), line('X-ray', -1), line('Gauze', 100, { quantity: 0 })] }, c.desk.token));
      expect(bad.fields).toEqual({ 'lines.0.description': 'description_required', 'lines.1.unitPaise': 'amount_invalid', 'lines.2.quantity': 'quantity_invalid' });
      expect(refused(await clinic.call('bills.issue', { billId: draft.id, lines: [] }, c.desk.token)).fields).toEqual({ lines: 'lines_required' });
      // Receipts print in English letters: a Devanagari description is refused, the field named.
      const script = refused(await clinic.call('bills.saveDraft', { billId: draft.id, lines: [line('परामर्श', 50_000)] }, c.desk.token));
      expect(script.fields).toEqual({ 'lines.0.description': 'not_printable' });
    });
    expect(linesOf(ok(await clinic.call('bills.get', { billId: draft.id }, c.desk.token)))).toEqual([line('Consultation (in person)', 50_000)]);
  });

  it('freezes the bill once issued: no more edits, the same totals whatever the settings do later', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 1);
    const bill = await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000)]);
    expect(bill.totals.totalPaise).toBe(59_000);
    await expectNoWrites(clinic.app, async () => {
      const again = refused(await clinic.call('bills.issue', { billId: bill.id, lines: [line('Consultation', 1)] }, c.desk.token));
      expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/credit note/) });
    });
    ok(await clinic.call('billing.saveSettings', { fees: FEES, taxes: { ...TAX_DEFAULTS, consultation: { rateBp: 0, code: '999312' } } }, clinic.adminToken));
    const later = ok(await clinic.call('bills.get', { billId: bill.id }, c.desk.token));
    expect(later.totals.totalPaise).toBe(59_000);
    expect(later.lines[0]!.rateBp).toBe(1800);
  });
});

describe('bills: payments and credit notes', () => {
  it('takes part payments until the balance is nil, and refuses more', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 1);
    const bill = await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000)]);
    const part = ok(await clinic.call('bills.pay', { billId: bill.id, method: 'upi', amountPaise: 20_000, reference: 'UPI-604512' }, c.desk.token));
    expect(part).toMatchObject({ paidPaise: 20_000, balancePaise: 39_000, canPay: true });
    await expectNoWrites(clinic.app, async () => {
      const over = refused(await clinic.call('bills.pay', { billId: bill.id, method: 'cash', amountPaise: 39_001 }, c.desk.token));
      expect(over).toMatchObject({ code: 'VALIDATION', fields: { amountPaise: 'amount_over_balance' }, message: expect.stringContaining('₹390.00') });
      expect(refused(await clinic.call('bills.pay', { billId: bill.id, method: 'card', amountPaise: 100 }, c.desk.token)).fields).toEqual({ reference: 'reference_required' });
      expect(refused(await clinic.call('bills.pay', { billId: bill.id, method: 'cash', amountPaise: 100 }, c.asha.token)).code).toBe('FORBIDDEN');
    });
    const rest = ok(await clinic.call('bills.pay', { billId: bill.id, method: 'cash', amountPaise: 39_000 }, c.doctor.token));
    expect(rest).toMatchObject({ paidPaise: 59_000, balancePaise: 0, canPay: false });
    expect(rest.payments.map((p) => [p.method, p.reference, p.amountPaise])).toEqual([['upi', 'UPI-604512', 20_000], ['cash', null, 39_000]]);
    expect(refused(await clinic.call('bills.pay', { billId: bill.id, method: 'cash', amountPaise: 1 }, c.desk.token)).code).toBe('CONFLICT');

    const day = ok(await clinic.call('bills.collections', { date: '2026-03-03' }, c.desk.token));
    expect(day.methods).toEqual([
      { method: 'cash', payments: 1, receivedPaise: 39_000, refundedPaise: 0 },
      { method: 'card', payments: 0, receivedPaise: 0, refundedPaise: 0 },
      { method: 'upi', payments: 1, receivedPaise: 20_000, refundedPaise: 0 },
    ]);
    expect(ok(await clinic.call('bills.collections', { date: '2026-03-02' }, c.desk.token)).receivedPaise).toBe(0);
  });

  it('cancels a wrong bill with a credit note of its own series, refunds, and issues a corrected bill', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 1);
    const wrong = await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000), line('ECG', 40_000, { category: 'lab_test' })]);
    ok(await clinic.call('bills.pay', { billId: wrong.id, method: 'cash', amountPaise: 50_000 }, c.desk.token));
    await expectNoWrites(clinic.app, async () => {
      expect(refused(await clinic.call('bills.creditNote', { billId: wrong.id, reason: 'ECG was not done', refundPaise: 50_001, refundMethod: 'cash' }, c.desk.token)).fields)
        .toEqual({ refundPaise: 'refund_over_paid' });
      expect(refused(await clinic.call('bills.creditNote', { billId: wrong.id, reason: 'ECG was not done', refundPaise: 0 }, c.doctor.token)).code).toBe('FORBIDDEN');
    });
    // While the bill stands, the appointment's open bill is that one: no second bill.
    expect(ok(await clinic.call('bills.open', { appointmentId: c.appointments[0]! }, c.desk.token)).id).toBe(wrong.id);
    const cancelled = ok(await clinic.call('bills.creditNote', { billId: wrong.id, reason: 'ECG was not done', refundPaise: 50_000, refundMethod: 'cash' }, c.desk.token));
    expect(cancelled).toMatchObject({ status: 'cancelled', canPay: false, canCancel: false, balancePaise: 0 });
    expect(cancelled.creditNote).toMatchObject({ number: 'ML/CN/2025-26/000001', amountPaise: 106_200, refundPaise: 50_000, refundMethod: 'cash', reason: 'ECG was not done' });
    expect(refused(await clinic.call('bills.creditNote', { billId: wrong.id, reason: 'Again and again', refundPaise: 0 }, c.desk.token)).code).toBe('CONFLICT');

    // The correction starts from the cancelled bill's lines and names the bill it replaces.
    const draft = ok(await clinic.call('bills.open', { appointmentId: c.appointments[0]! }, c.desk.token));
    expect(draft.id).not.toBe(wrong.id);
    expect(linesOf(draft)).toEqual(linesOf(wrong));
    const corrected = ok(await clinic.call('bills.issue', { billId: draft.id, lines: [line('Consultation', 50_000)] }, c.desk.token));
    expect(corrected).toMatchObject({ number: 'ML/2025-26/000002', replaces: 'ML/2025-26/000001', totals: { totalPaise: 59_000 } });

    const day = ok(await clinic.call('bills.collections', { date: '2026-03-03' }, c.desk.token));
    expect(day).toMatchObject({ receivedPaise: 50_000, refundedPaise: 50_000 });
    const mine = ok(await clinic.call('bills.mine', {}, c.asha.token));
    expect(mine.map((b) => [b.number, b.status, b.balancePaise])).toEqual([['ML/2025-26/000002', 'issued', 59_000], ['ML/2025-26/000001', 'cancelled', 0]]);
  });
});
