import { describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '../../shared/contract';
import { newClinic, ok, readyFrontDesk, refused, signupPatient } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { patientSignupInput } from '../helpers/data';
import { channelNames, validInputs } from '../helpers/payloads';

const rolesOf = (channel: ChannelName) => contract[channel].roles;

describe('who may call what', () => {
  const staffOnly = channelNames.filter((c) => Array.isArray(rolesOf(c)) && !(rolesOf(c) as readonly string[]).includes('patient'));

  it('covers every administrator channel, doctors.me and patients.search', () => {
    expect(staffOnly).toEqual(expect.arrayContaining([...channelNames.filter((c) => c.startsWith('admin.')), 'doctors.me', 'patients.search']));
  });

  it.each(staffOnly)('a patient calling %s is refused and nothing changes', async (channel) => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const error = await expectNoWrites(clinic.app, async () => refused(await clinic.app.dispatch(channel, validInputs()[channel], patient.token)));
    expect(error.code).toBe('FORBIDDEN');
  });

  it('every channel that needs a session refuses a caller without one, or with a made-up token', async () => {
    const clinic = await newClinic();
    const inputs = validInputs();
    for (const channel of channelNames.filter((c) => rolesOf(c) !== 'public')) {
      // A channel whose session is optional answers without a token, but never to a made-up one.
      const tokens = rolesOf(channel) === 'optional' ? ['not-a-real-session-token'] : [undefined, '', 'not-a-real-session-token'];
      for (const token of tokens) {
        const error = refused(await clinic.app.dispatch(channel, inputs[channel], token));
        expect(error.code, `${channel} with ${JSON.stringify(token)}`).toBe('UNAUTHENTICATED');
      }
    }
  });
});

describe('patient records', () => {
  async function twoPatientsAndDesk() {
    const clinic = await newClinic();
    const asha = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni' }));
    const ravi = await signupPatient(clinic, patientSignupInput({ fullName: 'Ravi Deshpande', phone: '9850012345' }));
    const desk = await readyFrontDesk(clinic);
    return { clinic, asha, ravi, desk };
  }

  it('a patient cannot read another patient, and cannot tell whether a number exists', async () => {
    const { clinic, asha, ravi } = await twoPatientsAndDesk();
    const other = await expectNoWrites(clinic.app, async () => refused(await clinic.call('patients.get', { patientId: ravi.patientId }, asha.token)));
    const missing = refused(await clinic.call('patients.get', { patientId: 424242 }, asha.token));
    expect(other.code).toBe('FORBIDDEN');
    expect(missing).toEqual(other);
  });

  it('a patient reading their own record leaves no access entry', async () => {
    const { clinic, asha } = await twoPatientsAndDesk();
    expect(ok(await clinic.call('patients.get', { patientId: asha.patientId }, asha.token)).fullName).toBe('Asha Kulkarni');
    ok(await clinic.call('patients.me', {}, asha.token));
    expect(await auditRows(clinic.app, 'patient.viewed')).toEqual([]);
  });

  it('the front desk opening a record is recorded against that patient', async () => {
    const { clinic, ravi, desk } = await twoPatientsAndDesk();
    expect(ok(await clinic.call('patients.get', { patientId: ravi.patientId }, desk.token)).fullName).toBe('Ravi Deshpande');
    expect(await auditRows(clinic.app, 'patient.viewed')).toMatchObject([{ actor_user_id: desk.id, patient_id: ravi.patientId }]);
    expect(refused(await clinic.call('patients.get', { patientId: 424242 }, desk.token)).code).toBe('NOT_FOUND');
  });

  it('every patient a front-desk search shows is recorded against that patient', async () => {
    const { clinic, asha, ravi, desk } = await twoPatientsAndDesk();
    expect(ok(await clinic.call('patients.search', { query: 'ravi' }, desk.token)).map((p) => p.id)).toEqual([ravi.patientId]);
    expect(ok(await clinic.call('patients.search', { query: '98500' }, desk.token)).map((p) => p.id)).toEqual([ravi.patientId]);
    ok(await clinic.call('patients.search', { query: 'Kulkarni' }, desk.token));
    const rows = await auditRows(clinic.app, 'patient.searched');
    expect(rows.map((r) => [r.actor_user_id, r.patient_id])).toEqual([
      [desk.id, ravi.patientId],
      [desk.id, ravi.patientId],
      [desk.id, asha.patientId],
    ]);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ query: 'ravi' });
  });
});
