import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChannelName, Input } from '../../shared/contract';
import { newClinic, ok, type Clinic } from '../helpers/clinic';
import { billingClinic, issueBill, line } from '../helpers/billing';
import { addRecord, pdfWith } from '../helpers/records';
import { roundTripsOf } from '../helpers/round-trips';
import { ist, practisingDoctor } from '../helpers/scheduling';

// The screens' frequent reads on PostgreSQL, each within its budget of round trips (the session check, and BEGIN and
// COMMIT where sent, included), so that a later change cannot quietly add statements (issue 15). Counted as the lan-* benchmarks
// count: every statement this process sends. The clinic holds several rows of each kind, so a query per row shows.

describe.skipIf(!inject('postgresUrl'))('round trips of the screens\' reads on PostgreSQL', () => {
  let clinic: Clinic;
  let people: Awaited<ReturnType<typeof billingClinic>>;

  beforeAll(async () => {
    clinic = await newClinic();
    people = await billingClinic(clinic, ['asha', 'asha', 'vikram']);
    await practisingDoctor(clinic, 'Dr Kavita Iyer');
    const { doctor, desk, asha, appointments } = people;
    for (const appointmentId of appointments.slice(0, 2)) await issueBill(clinic, desk.token, appointmentId, [line('Consultation', 50_000)]);
    for (const time of ['09:00', '09:30', '10:00']) {
      ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist('2026-03-04', time), mode: 'in_person' }, asha.token));
    }
    for (const title of ['Complete blood count', 'Lipid profile', 'Thyroid profile']) {
      await addRecord(clinic, asha.token, await pdfWith(title), { title, shareWith: [doctor.doctorId] });
    }
    ok(await clinic.call('monitoring.enrol', { patientId: asha.patientId, measures: [{ measure: 'glucose_fasting', everyDays: 1, low: 80, high: 130 }, { measure: 'weight', everyDays: 7 }] }, doctor.token));
    for (const [value, minutes] of [[110, 180], [260, 120], [150, 60]] as const) {
      ok(await clinic.call('readings.add', { measure: 'glucose_fasting', value, takenAt: new Date(clinic.clock.now().getTime() - minutes * 60_000).toISOString() }, asha.token));
    }
  }, 120_000);

  // Each channel's count today, all within issue 15's 6: the session check, which the seat kept from the caller's
  // last call, goes in the message of the call's first statement (vikram's first call here reads it first); a call
  // that only reads sends no BEGIN and no COMMIT; one that audits what it showed takes the audit log's lock with its
  // reads and sends its rows with the COMMIT.
  const reads: [string, number, () => [ChannelName, unknown, string]][] = [
    // The first search reads the catalog whole (as after any change to doctors); later ones only busy time and the checkpoint.
    ['doctors.search, the first', 3, () => ['doctors.search', { text: 'Mehta' } satisfies Input<'doctors.search'>, people.asha.token]],
    ['doctors.search', 2, () => ['doctors.search', { text: 'mehta' } satisfies Input<'doctors.search'>, people.vikram.token]],
    ['doctors.search, no text', 2, () => ['doctors.search', { sort: 'relevance' } satisfies Input<'doctors.search'>, people.asha.token]],
    ['doctors.profile', 1, () => ['doctors.profile', { doctorId: people.doctor.doctorId }, people.asha.token]],
    ['doctors.slots', 1, () => ['doctors.slots', { doctorId: people.doctor.doctorId, fromDate: '2026-03-04', toDate: '2026-03-10' }, people.asha.token]],
    ['desk.board', 2, () => ['desk.board', { date: '2026-03-03' }, people.desk.token]],
    ['appointments.schedule', 2, () => ['appointments.schedule', { fromDate: '2026-03-02', toDate: '2026-03-08' }, people.doctor.token]],
    ['appointments.mine', 2, () => ['appointments.mine', {}, people.asha.token]],
    ['bills.mine', 2, () => ['bills.mine', {}, people.asha.token]],
    ['bills.list', 3, () => ['bills.list', {}, people.desk.token]],
    ['records.mine', 3, () => ['records.mine', {}, people.asha.token]],
    ['monitoring.mine', 2, () => ['monitoring.mine', { range: '30d' }, people.asha.token]],
    ['monitoring.patient', 3, () => ['monitoring.patient', { patientId: people.asha.patientId, range: '30d' }, people.doctor.token]],
  ];

  for (const [name, budget, call] of reads) {
    it(`${name}: at most ${budget} round trips`, async () => {
      const [channel, input, token] = call();
      const { result, roundTrips, statements } = await roundTripsOf(() => clinic.app.dispatch(channel, input, token));
      ok(result);
      expect(roundTrips, `${roundTrips} round trips (budget ${budget}):\n${statements.join('\n')}`).toBeLessThanOrEqual(budget);
    });
  }
});
