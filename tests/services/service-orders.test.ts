import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract';
import { newClinic, ok, readyFrontDesk, refused, signupPatient, type Clinic } from '../helpers/clinic';
import { setGstin, GSTIN, linesOf } from '../helpers/billing';
import { patientSignupInput } from '../helpers/data';
import { auditRows, expectNoWrites } from '../helpers/db';

const HEALTH_CHECK: Input<'healthServices.save'> = {
  kind: 'health_package', name: 'Full body check-up', description: 'Blood sugar, lipids, liver and kidney tests.', pricePaise: 249_900, category: 'lab_test', active: true,
};

async function servicesClinic(clinic: Clinic) {
  await setGstin(clinic, GSTIN);
  const service = ok(await clinic.call('healthServices.save', HEALTH_CHECK, clinic.adminToken));
  const patient = await signupPatient(clinic, patientSignupInput({ fullName: 'Meera Joshi' }));
  const desk = await readyFrontDesk(clinic);
  return { service, patient, desk };
}

describe('health services', () => {
  it('the administrator keeps the catalogue; patients see only what is offered', async () => {
    const clinic = await newClinic();
    const { service, patient, desk } = await servicesClinic(clinic);
    expect(service).toEqual({ id: service.id, ...HEALTH_CHECK });
    const flu = ok(await clinic.call('healthServices.save', { ...HEALTH_CHECK, kind: 'vaccination', name: 'Flu vaccine', pricePaise: 90_000, category: 'medication' }, clinic.adminToken));
    await expectNoWrites(clinic.app, async () => {
      expect(refused(await clinic.call('healthServices.save', { ...HEALTH_CHECK, name: 'full BODY check-up' }, clinic.adminToken)).fields).toEqual({ name: 'service_name_taken' });
      expect(refused(await clinic.call('healthServices.save', { ...HEALTH_CHECK, name: 'पूर्ण शरीर जाँच' }, clinic.adminToken)).fields).toEqual({ name: 'not_printable' });
      expect(refused(await clinic.call('healthServices.save', { ...HEALTH_CHECK, id: 999 }, clinic.adminToken)).code).toBe('NOT_FOUND');
      expect(refused(await clinic.call('healthServices.save', HEALTH_CHECK, desk.token)).code).toBe('FORBIDDEN');
    });
    ok(await clinic.call('healthServices.save', { ...HEALTH_CHECK, id: flu.id, name: 'Flu vaccine', kind: 'vaccination', active: false }, clinic.adminToken));
    expect(ok(await clinic.call('healthServices.catalogue', {}, patient.token)).map((s) => s.name)).toEqual(['Full body check-up']);
    expect(ok(await clinic.call('healthServices.all', {}, clinic.adminToken)).map((s) => [s.name, s.active])).toEqual([['Flu vaccine', false], ['Full body check-up', true]]);
    expect(refused(await clinic.call('orders.place', { serviceId: flu.id }, patient.token)).code).toBe('NOT_FOUND');
  });

  it('a patient orders; the desk confirms it for a date, marks it done and bills it, each step in its history', async () => {
    const clinic = await newClinic();
    const { service, patient, desk } = await servicesClinic(clinic);
    const order = ok(await clinic.call('orders.place', { serviceId: service.id, note: 'Saturday morning, fasting.' }, patient.token));
    expect(order).toMatchObject({ serviceName: 'Full body check-up', kind: 'health_package', pricePaise: 249_900, status: 'requested', note: 'Saturday morning, fasting.', billId: null });
    // A later price change does not change what the patient ordered at.
    ok(await clinic.call('healthServices.save', { ...HEALTH_CHECK, id: service.id, pricePaise: 299_900 }, clinic.adminToken));

    expect(ok(await clinic.call('orders.list', {}, desk.token)).map((o) => o.id)).toEqual([order.id]);
    expect((await auditRows(clinic.app, 'service_order.list_viewed')).map((r) => r.patient_id)).toEqual([patient.patientId]);
    await expectNoWrites(clinic.app, async () => {
      // Not done yet: nothing to bill.
      expect(refused(await clinic.call('bills.open', { serviceOrderId: order.id }, desk.token)).code).toBe('CONFLICT');
      expect(refused(await clinic.call('orders.confirm', { orderId: order.id, date: '2026-03-07' }, patient.token)).code).toBe('FORBIDDEN');
    });
    expect(ok(await clinic.call('orders.confirm', { orderId: order.id, date: '2026-03-07' }, desk.token))).toMatchObject({ status: 'confirmed', scheduledDate: '2026-03-07' });
    expect(ok(await clinic.call('orders.mine', {}, patient.token))[0]).toMatchObject({ status: 'confirmed', scheduledDate: '2026-03-07' });
    ok(await clinic.call('orders.done', { orderId: order.id }, desk.token));
    await expectNoWrites(clinic.app, async () => {
      expect(refused(await clinic.call('orders.cancel', { orderId: order.id, reason: 'Too late now' }, desk.token)).code).toBe('CONFLICT');
    });

    const draft = ok(await clinic.call('bills.open', { serviceOrderId: order.id }, desk.token));
    expect(draft).toMatchObject({ doctor: null, visit: { kind: 'service_order', orderId: order.id, serviceName: 'Full body check-up', date: '2026-03-07' } });
    expect(linesOf(draft)).toEqual([{ description: 'Full body check-up', category: 'lab_test', quantity: 1, unitPaise: 249_900 }]);
    const bill = ok(await clinic.call('bills.issue', { billId: draft.id, lines: linesOf(draft) }, desk.token));
    expect(bill).toMatchObject({ number: 'ML/2025-26/000001', totals: { taxablePaise: 249_900, cgstPaise: 22_491, sgstPaise: 22_491, totalPaise: 294_882 } });
    expect(bill.lines[0]!.sacCode).toBe('999316');
    expect(ok(await clinic.call('orders.list', { status: 'done' }, desk.token))[0]!.billId).toBe(bill.id);
    expect(ok(await clinic.call('bills.mine', {}, patient.token)).map((b) => b.number)).toEqual(['ML/2025-26/000001']);

    const history = ok(await clinic.call('orders.history', { orderId: order.id }, patient.token));
    expect(history.map((h) => [h.change, h.actorName, h.detail])).toEqual([
      ['requested', 'Meera Joshi', JSON.stringify({ note: 'Saturday morning, fasting.' })],
      ['confirmed', 'Kavita Pawar', JSON.stringify({ date: '2026-03-07' })],
      ['done', 'Kavita Pawar', null],
    ]);
    expect((await auditRows(clinic.app)).filter((r) => r.action.startsWith('service_order.') && r.action !== 'service_order.list_viewed').map((r) => [r.action, r.patient_id]))
      .toEqual([['service_order.placed', patient.patientId], ['service_order.confirmed', patient.patientId], ['service_order.done', patient.patientId]]);
  });

  it('an order can be cancelled with a reason, by the desk or by its patient, and only its patient sees it', async () => {
    const clinic = await newClinic();
    const { service, patient, desk } = await servicesClinic(clinic);
    const other = await signupPatient(clinic, patientSignupInput({ fullName: 'Arjun Nair', phone: '9822066666' }));
    const first = ok(await clinic.call('orders.place', { serviceId: service.id }, patient.token));
    const second = ok(await clinic.call('orders.place', { serviceId: service.id }, patient.token));
    await expectNoWrites(clinic.app, async () => {
      expect(refused(await clinic.call('orders.cancel', { orderId: first.id, reason: 'x' }, desk.token)).fields).toEqual({ reason: 'cancel_reason_required' });
      expect(refused(await clinic.call('orders.cancel', { orderId: first.id, reason: 'Not mine to cancel' }, other.token)).code).toBe('NOT_FOUND');
      expect(refused(await clinic.call('orders.history', { orderId: first.id }, other.token)).code).toBe('NOT_FOUND');
    });
    ok(await clinic.call('orders.cancel', { orderId: first.id, reason: 'Doctor advised against it' }, desk.token));
    ok(await clinic.call('orders.cancel', { orderId: second.id, reason: 'Done elsewhere' }, patient.token));
    const mine = ok(await clinic.call('orders.mine', {}, patient.token));
    expect(mine.map((o) => [o.id, o.status, o.cancelReason])).toEqual([[second.id, 'cancelled', 'Done elsewhere'], [first.id, 'cancelled', 'Doctor advised against it']]);
    expect(ok(await clinic.call('orders.list', {}, desk.token))).toEqual([]);
    expect(ok(await clinic.call('orders.list', { status: 'cancelled' }, desk.token))).toHaveLength(2);
    expect(ok(await clinic.call('orders.mine', {}, other.token))).toEqual([]);
  });
});
