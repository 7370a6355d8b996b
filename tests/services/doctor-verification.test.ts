import { describe, expect, it } from 'vitest';
import { newClinic, ok, refused, signupDoctor, signupPatient, type Clinic } from '../helpers/clinic';
import { auditRows, expectNoWrites } from '../helpers/db';
import { doctorCredentials, doctorSignupInput } from '../helpers/data';

const directoryNames = async (clinic: Clinic, token: string) => ok(await clinic.call('doctors.directory', {}, token)).map((d) => d.fullName);
const statusOf = async (clinic: Clinic, token: string) => ok(await clinic.call('doctors.me', {}, token));

async function pendingDoctor(clinic: Clinic) {
  const input = doctorSignupInput({ fullName: 'Dr Farah Sheikh', speciality: 'dermatology' });
  return { ...(await signupDoctor(clinic, input)), input };
}

describe('doctor verification', () => {
  it('keeps a new doctor out of the directory and shows the administrator every credential', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const doctor = await pendingDoctor(clinic);
    expect((await statusOf(clinic, doctor.token)).status).toBe('pending');
    expect(await directoryNames(clinic, patient.token)).not.toContain('Dr Farah Sheikh');

    const [listed, ...others] = ok(await clinic.call('admin.pendingDoctors', {}, clinic.adminToken));
    expect(others).toEqual([]);
    const { credentials: c } = doctor.input;
    expect(listed).toMatchObject({
      id: doctor.doctorId, email: doctor.email, fullName: c.fullName, phone: '9822012345', education: c.education,
      speciality: 'dermatology', registrationNumber: c.registrationNumber, registrationCouncil: c.registrationCouncil,
      hospital: c.hospital, experienceYears: c.experienceYears, languages: c.languages, status: 'pending',
    });
  });

  it('a rejection needs a reason, which the doctor sees; resubmitting puts them back in the queue', async () => {
    const clinic = await newClinic();
    const doctor = await pendingDoctor(clinic);
    const short = await expectNoWrites(clinic.app, async () =>
      refused(await clinic.call('admin.decideDoctor', { doctorId: doctor.doctorId, decision: 'reject', reason: ' no ' }, clinic.adminToken)),
    );
    expect(short).toMatchObject({ code: 'VALIDATION', fields: { reason: 'reason_required' } });

    const reason = 'Registration number not found in the council register.';
    ok(await clinic.call('admin.decideDoctor', { doctorId: doctor.doctorId, decision: 'reject', reason }, clinic.adminToken));
    expect(await statusOf(clinic, doctor.token)).toMatchObject({ status: 'rejected', decisionReason: reason });
    expect(ok(await clinic.call('admin.pendingDoctors', {}, clinic.adminToken))).toEqual([]);

    const corrected = doctorCredentials({ fullName: 'Dr Farah Sheikh', registrationNumber: 'MMC-2013-0999' });
    const resubmitted = ok(await clinic.call('doctors.resubmit', corrected, doctor.token));
    expect(resubmitted).toMatchObject({ status: 'pending', registrationNumber: 'MMC-2013-0999' });
    expect(resubmitted.decisionReason).toBeUndefined();
    expect(ok(await clinic.call('admin.pendingDoctors', {}, clinic.adminToken)).map((d) => d.id)).toEqual([doctor.doctorId]);

    const [rejected] = await auditRows(clinic.app, 'doctor.rejected');
    expect(JSON.parse(rejected!.detail)).toEqual({ doctorId: doctor.doctorId, reason });
    expect(await auditRows(clinic.app, 'doctor.resubmitted')).toHaveLength(1);
  });

  it('approval lists the doctor in the directory; a decided application cannot be decided again', async () => {
    const clinic = await newClinic();
    const patient = await signupPatient(clinic);
    const doctor = await pendingDoctor(clinic);
    const approved = ok(await clinic.call('admin.decideDoctor', { doctorId: doctor.doctorId, decision: 'approve' }, clinic.adminToken));
    expect(approved.status).toBe('verified');
    expect((await statusOf(clinic, doctor.token)).status).toBe('verified');
    expect(await directoryNames(clinic, patient.token)).toContain('Dr Farah Sheikh');

    for (const again of [{ decision: 'approve' as const }, { decision: 'reject' as const, reason: 'Changed my mind entirely.' }]) {
      const error = await expectNoWrites(clinic.app, async () =>
        refused(await clinic.call('admin.decideDoctor', { doctorId: doctor.doctorId, ...again }, clinic.adminToken)),
      );
      expect(error.code).toBe('CONFLICT');
    }
    // A verified doctor who changes their credentials goes back to the queue (more in profiles.test.ts).
    expect(ok(await clinic.call('doctors.resubmit', doctorCredentials(), doctor.token))).toMatchObject({ status: 'pending', verifiedBefore: approved.decidedAt });
    const [row] = await auditRows(clinic.app, 'doctor.approved');
    expect(JSON.parse(row!.detail)).toEqual({ doctorId: doctor.doctorId });
    expect(refused(await clinic.call('admin.decideDoctor', { doctorId: 999, decision: 'approve' }, clinic.adminToken)).code).toBe('NOT_FOUND');
  });

  it('a solo practice\'s administrator is its own verified doctor', async () => {
    const clinic = await newClinic({ withDoctor: true });
    expect(ok(await clinic.call('auth.session', {}, clinic.adminToken)).roles).toEqual(['admin', 'doctor']);
    const me = await statusOf(clinic, clinic.adminToken);
    expect(me).toMatchObject({ status: 'verified', fullName: 'Dr Meera Joshi', speciality: 'paediatrics' });
    expect(await directoryNames(clinic, clinic.adminToken)).toEqual(['Dr Meera Joshi']);
    expect(ok(await clinic.call('admin.pendingDoctors', {}, clinic.adminToken))).toEqual([]);
    const [row] = await auditRows(clinic.app, 'doctor.self_verified');
    expect(row).toMatchObject({ actor_user_id: ok(await clinic.call('auth.session', {}, clinic.adminToken)).id });
    expect(JSON.parse(row!.detail)).toMatchObject({ doctorId: me.id });
  });
});
