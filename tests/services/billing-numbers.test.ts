import { describe, expect, it } from 'vitest';
import type { FileStore } from '../../electron/core/files/file-store';
import { financialYear } from '../../electron/core/billing/numbering';
import { newClinic, ok, PASSWORD, refused, signIn } from '../helpers/clinic';
import { billingClinic, issueBill, line } from '../helpers/billing';
import { openSeat, SEATS_TIMEOUT, type SeatCall } from '../helpers/seat';

const BUSY = 'MedLink is busy with another change. Nothing was saved; please try again.';
const numbers = (n: number, year = '2025-26') => Array.from({ length: n }, (_, i) => `ML/${year}/${String(i + 1).padStart(6, '0')}`);

describe('bill numbers', () => {
  it('follow the financial year (April to March) of the clinic’s calendar', () => {
    expect(['2026-03-31', '2026-04-01', '2027-01-15', '2025-04-01', '2099-12-31'].map(financialYear)).toEqual(['2025-26', '2026-27', '2026-27', '2025-26', '2099-00']);
  });

  it('start again at 1 when the year turns at midnight in the clinic, not in UTC; credit notes have their own series', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 4);
    const at = (iso: string) => clinic.clock.advanceMinutes((Date.parse(iso) - clinic.clock.now().getTime()) / 60_000);
    const desk = async () => ok(await signIn(clinic, c.desk.email, PASSWORD)).token;

    const first = await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000)]);
    // 31 March, 23:59 in Pune (18:29 UTC).
    at('2026-03-31T18:29:00.000Z');
    const last = await issueBill(clinic, await desk(), c.appointments[1]!, [line('Consultation', 50_000)]);
    // 1 April, 00:01 in Pune, still 31 March in UTC.
    at('2026-03-31T18:31:00.000Z');
    const token = await desk();
    const next = await issueBill(clinic, token, c.appointments[2]!, [line('Consultation', 50_000)]);
    const after = await issueBill(clinic, token, c.appointments[3]!, [line('Consultation', 50_000)]);
    expect([first.number, last.number, next.number, after.number]).toEqual([...numbers(2), ...numbers(2, '2026-27')]);

    const cn = ok(await clinic.call('bills.creditNote', { billId: first.id, reason: 'Billed the wrong visit', refundPaise: 0 }, token));
    expect(cn.creditNote!.number).toBe('ML/CN/2026-27/000001');
    const counters = await clinic.app.deps.db.selectFrom('counters').selectAll().orderBy('name').execute();
    expect(counters).toEqual([
      { name: 'appointment', value: 4 },
      { name: 'bill:2025-26', value: 2 },
      { name: 'bill:2026-27', value: 2 },
      { name: 'credit_note:2026-27', value: 1 },
    ]);
  });

  it('leave no gap after a refused or a rolled-back bill', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, 3);
    await issueBill(clinic, c.desk.token, c.appointments[0]!, [line('Consultation', 50_000)]);
    const draft = ok(await clinic.call('bills.open', { appointmentId: c.appointments[1]! }, c.desk.token));

    // Refused: the patient's name needs a Latin spelling the receipt can print (checked before any number is taken).
    await clinic.app.deps.db.updateTable('patient_info').set({ full_name: 'आशा कुलकर्णी' }).where('id', '=', c.asha.patientId).execute();
    const refusal = refused(await clinic.call('bills.issue', { billId: draft.id, lines: [line('Consultation', 50_000)] }, c.desk.token));
    expect(refusal).toMatchObject({ code: 'VALIDATION', fields: { patientLatinName: 'latin_name_required' } });

    // Rolled back: the receipt cannot be stored after the number was taken; the whole issue is undone.
    const files = clinic.app.deps.files;
    const failing: FileStore = { ...files, put: () => Promise.reject(new Error('disk full')) };
    clinic.app.deps.files = failing;
    const lost = refused(await clinic.call('bills.issue', { billId: draft.id, lines: [line('Consultation', 50_000)], patientLatinName: 'Asha Kulkarni' }, c.desk.token));
    clinic.app.deps.files = files;
    expect(lost.code).toBe('INTERNAL');
    expect(ok(await clinic.call('bills.get', { billId: draft.id }, c.desk.token))).toMatchObject({ status: 'draft', number: null, patient: { latinName: null } });

    const second = ok(await clinic.call('bills.issue', { billId: draft.id, lines: [line('Consultation', 50_000)], patientLatinName: 'Asha Kulkarni' }, c.desk.token));
    const third = await issueBill(clinic, c.desk.token, c.appointments[2]!, [line('Consultation', 50_000)]);
    expect([second.number, third.number]).toEqual(numbers(3).slice(1));
    // The Latin spelling is kept: the next bill for her needs none.
    expect(third.patient).toMatchObject({ name: 'Asha Kulkarni', needsLatinName: false });
  });
});

describe('bill numbers across seats', () => {
  const SEATS = 4;
  const PER_SEAT = 3;

  it('are exactly 1..N when several processes issue at once, refusals and retries included', async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, SEATS * PER_SEAT);
    const drafts: number[] = [];
    for (const appointmentId of c.appointments) drafts.push(ok(await clinic.call('bills.open', { appointmentId }, c.desk.token)).id);
    const seats = await Promise.all(Array.from({ length: SEATS }, () => openSeat(clinic)));

    // Each seat issues its own drafts and, first, races the next seat for that seat's first draft: one of the two
    // issues it, the other is refused (already issued) and takes no number.
    const issue = (billId: number): SeatCall => ({ channel: 'bills.issue', input: { billId, lines: [line('Consultation', 50_000)] }, token: c.desk.token });
    const plan = seats.map((_, s) => [drafts[((s + 1) % SEATS) * PER_SEAT]!, ...drafts.slice(s * PER_SEAT, (s + 1) * PER_SEAT)]);
    const results = await Promise.all(seats.map((seat, s) => seat.dispatch(plan[s]!.map(issue))));
    // SQLite's single writer can stay taken past its busy timeout on a loaded machine: that call is told so, nothing was saved, and it is tried again.
    for (const [s, list] of results.entries()) {
      for (const [n, r] of list.entries()) {
        if (!r.ok && r.error.message === BUSY) list[n] = (await seats[s]!.dispatch([issue(plan[s]![n]!)]))[0]!;
      }
    }
    const outcomes = results.flat();
    const refusedCalls = outcomes.filter((r) => !r.ok);
    expect(refusedCalls.length).toBe(SEATS);
    for (const r of refusedCalls) expect(r.ok ? null : r.error.code).toBe('CONFLICT');

    const issued = await clinic.app.deps.db.selectFrom('bills').select(['id', 'number']).where('status', '=', 'issued').orderBy('number').execute();
    expect(issued.map((b) => b.number)).toEqual(numbers(SEATS * PER_SEAT));
    expect(new Set(issued.map((b) => b.id))).toEqual(new Set(drafts));
  }, SEATS_TIMEOUT * 2);
});
