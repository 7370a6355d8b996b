import { describe, expect, it } from 'vitest';
import type { AssistantAnswer, AssistantBlock, Input } from '../../shared/contract';
import { newClinic, ok, type Clinic } from '../helpers/clinic';
import { billingClinic, issueBill, line } from '../helpers/billing';
import { expectNoWrites } from '../helpers/db';
import { practisingDoctor } from '../helpers/scheduling';

// The health assistant's answers about fees, bills and health services: read from billing's own services,
// without writing anything, a patient's bills only to that patient.

const ask = async (clinic: Clinic, text: string, token?: string, language: 'en' | 'hi' = 'en') => ok(await clinic.call('assistant.ask', { text, language }, token));
const only = <K extends AssistantBlock['kind']>(a: AssistantAnswer, kind: K) => {
  expect(a.blocks.map((b) => b.kind)).toEqual([kind]);
  return a.blocks[0] as Extract<AssistantBlock, { kind: K }>;
};

const service = (name: string, pricePaise: number, active = true): Input<'healthServices.save'> => ({
  kind: 'health_package', name, description: `${name}: blood sugar, lipids, liver and kidney tests.`, pricePaise, category: 'lab_test', active,
});

describe('the health assistant on fees, bills and services', () => {
  it("tells a doctor's fees by name or speciality, and the clinic's defaults, without signing in", async () => {
    const clinic = await newClinic();
    const mehta = await practisingDoctor(clinic, 'Dr Rohan Mehta');
    await practisingDoctor(clinic, 'Dr Kavita Rao');
    ok(await clinic.call('fees.saveMine', { own: { consultation_in_person: 80_000 } }, mehta.token));

    const byName = await expectNoWrites(clinic.app, () => ask(clinic, "What is Dr. Mehta's fee?"));
    expect(byName).toMatchObject({ intent: 'fees', healthNote: false });
    // His own fee in person, the clinic's default online (₹400), as doctor search gives them.
    expect(only(byName, 'fees')).toEqual({
      kind: 'fees', name: 'mehta', speciality: null,
      doctors: [{ id: mehta.doctorId, fullName: 'Dr Rohan Mehta', speciality: 'general_medicine', hospital: 'Sunrise Clinic, Pune', modes: ['online', 'in_person'], fees: { in_person: 80_000, online: 40_000 } }],
      defaults: { in_person: 50_000, online: 40_000 },
    });

    const bySpeciality = only(await ask(clinic, 'general physician fees'), 'fees');
    expect(bySpeciality.doctors.map((d) => d.fullName).sort()).toEqual(['Dr Kavita Rao', 'Dr Rohan Mehta']);

    expect(only(await ask(clinic, 'डॉक्टर की फीस कितनी है'), 'fees')).toMatchObject({ name: null, speciality: null, doctors: [], defaults: { in_person: 50_000 } });
    expect(only(await ask(clinic, 'Dr Nobodyknows fees'), 'fees')).toMatchObject({ name: 'nobodyknows', doctors: [] });
  });

  it("answers a patient's own bills, what is due first, and nobody else's", async () => {
    const clinic = await newClinic();
    const c = await billingClinic(clinic, ['asha', 'asha', 'vikram']);
    const [first, second, vikrams] = c.appointments as [number, number, number];
    const paid = await issueBill(clinic, c.desk.token, first, [line('Consultation (in person)', 50_000)]);
    ok(await clinic.call('bills.pay', { billId: paid.id, method: 'cash', amountPaise: 59_000 }, c.desk.token));
    const due = await issueBill(clinic, c.desk.token, second, [line('Consultation (in person)', 50_000)]);
    ok(await clinic.call('bills.pay', { billId: due.id, method: 'upi', amountPaise: 20_000, reference: 'UPI-1' }, c.desk.token));
    await issueBill(clinic, c.desk.token, vikrams, [line('Consultation (in person)', 1_00_000)]);

    const asha = await expectNoWrites(clinic.app, () => ask(clinic, 'what do I owe', c.asha.token));
    expect(asha).toMatchObject({ intent: 'bills', healthNote: false });
    const bills = only(asha, 'bills');
    // ₹590 billed with 18% GST, ₹200 paid: ₹390 due; the paid bill after it.
    expect(bills).toMatchObject({ duePaise: 39_000, more: false });
    expect(bills.bills.map((b) => [b.number, b.balancePaise, b.patientId])).toEqual([
      [due.number, 39_000, c.asha.patientId],
      [paid.number, 0, c.asha.patientId],
    ]);
    expect(only(await ask(clinic, 'मेरा बिल', c.vikram.token), 'bills').bills.map((b) => b.patientId)).toEqual([c.vikram.patientId]);

    // Without signing in, or about someone else: the bills are never shown.
    expect(only(await ask(clinic, 'my bills'), 'reply').reply).toBe('signIn');
    expect(only(await ask(clinic, "Vikram's bills", c.asha.token), 'reply').reply).toBe('privacy');
    expect(only(await ask(clinic, 'my bills', c.desk.token), 'reply').reply).toBe('signIn');
  });

  it('lists the health services on offer, not those withdrawn', async () => {
    const clinic = await newClinic();
    expect(only(await ask(clinic, 'what health services do you offer'), 'services').services).toEqual([]);
    const check = ok(await clinic.call('healthServices.save', service('Full body check-up', 2_49_900), clinic.adminToken));
    ok(await clinic.call('healthServices.save', service('Old package', 99_900, false), clinic.adminToken));

    const answer = await expectNoWrites(clinic.app, () => ask(clinic, 'health checkup karwana hai'));
    expect(answer).toMatchObject({ intent: 'services', language: 'hi' });
    expect(only(answer, 'services').services).toEqual([
      { id: check.id, kind: 'health_package', name: 'Full body check-up', description: 'Full body check-up: blood sugar, lipids, liver and kidney tests.', pricePaise: 2_49_900 },
    ]);
  });
});
