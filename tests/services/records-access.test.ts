import { describe, expect, it } from 'vitest';
import type { ChannelName, Input } from '../../shared/contract';
import { newClinic, ok, readyFrontDesk, signupPatient } from '../helpers/clinic';
import { auditRows } from '../helpers/db';
import { patientSignupInput } from '../helpers/data';
import { bytesOf, PNG_BASE64 } from '../helpers/images';
import { addRecord, recordsClinic, upload, visit } from '../helpers/records';

// Every role against every channel of records, notes, prescriptions, uploads and credential documents: what each
// may do, and the refusal everyone else gets. The patient's records are shared with one doctor; another doctor
// has an appointment with her; a third has none; a fourth takes emergency access.

type Who = 'nobody' | 'desk' | 'admin' | 'otherPatient' | 'unrelated' | 'shared' | 'emergency' | 'treating' | 'patient';
/** Asked in this order: whoever may change something asks last, after everyone who may not has tried. */
const WHO: Who[] = ['nobody', 'desk', 'admin', 'otherPatient', 'unrelated', 'shared', 'emergency', 'treating', 'patient'];
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

const F: Outcome = 'FORBIDDEN';
const N: Outcome = 'NOT_FOUND';
/** Only these roles; everyone else (signed in) is refused by role, nobody signed in is asked to sign in. */
const only = (allowed: Partial<Record<Who, Outcome>>): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((w) => [w, w === 'nobody' ? 'UNAUTHENTICATED' : (allowed[w] ?? F)])) as Record<Who, Outcome>;
const patients = (patient: Outcome, otherPatient: Outcome) => only({ patient, otherPatient });
const PARACETAMOL = { medicine: 'Paracetamol', strength: '500 mg', dose: '1 tablet', frequency: 'Twice a day', duration: '3 days' };

const doctors = (o: Partial<Record<'unrelated' | 'shared' | 'emergency' | 'treating', Outcome>>) => only(o);

describe('who may do what with records (authorisation matrix)', () => {
  it('answers every role on every records channel as it should; emergency access is allowed and flagged', async () => {
    const clinic = await newClinic();
    const { doctor: newDoctor } = await recordsClinic(clinic);
    const treating = await newDoctor('Dr Rohan Mehta');
    const shared = await newDoctor('Dr Anjali Iyer');
    const unrelated = await newDoctor('Dr Kabir Khan');
    const emergency = await newDoctor('Dr Neha Rao');
    const desk = await readyFrontDesk(clinic);
    const patient = await signupPatient(clinic, patientSignupInput({ fullName: 'Asha Kulkarni', phone: '9822011111' }));
    const otherPatient = await signupPatient(clinic, patientSignupInput({ fullName: 'Vikram Rao', phone: '9822055555' }));

    const sharedRecord = await addRecord(clinic, patient.token, Buffer.from('shared report\n'), { name: 's.txt', shareWith: [shared.doctorId] });
    const privateRecord = await addRecord(clinic, patient.token, Buffer.from('private report\n'), { name: 'p.txt' });
    const throwaway = await addRecord(clinic, patient.token, Buffer.from('old report\n'), { name: 'o.txt' });
    const appointment = await visit(clinic, treating, patient);
    ok(await clinic.call('consultations.save', {
      appointmentId: appointment.id, notes: 'Viral fever.', items: [PARACETAMOL],
    }, treating.token));
    ok(await clinic.call('records.emergencyAccess', { patientId: patient.patientId, reason: 'Brought in unconscious; history needed' }, emergency.token));
    const document = ok(await clinic.call('doctors.addDocument', {
      uploadId: await upload(clinic, treating.token, bytesOf(PNG_BASE64), 'degree.png', 'credential'), kind: 'degree', title: 'MBBS degree',
    }, treating.token));
    // An upload on its way, the patient's: nobody else may add to it, keep it or cancel it.
    const { uploadId: hers } = ok(await clinic.call('uploads.begin', { purpose: 'record', name: 'half.txt', size: 6 }, patient.token));
    ok(await clinic.call('uploads.chunk', { uploadId: hers, index: 0, base64: Buffer.from('half').toString('base64') }, patient.token));

    const tokens: Record<Who, string | undefined> = {
      nobody: undefined, desk: desk.token, admin: clinic.adminToken, otherPatient: otherPatient.token, unrelated: unrelated.token,
      shared: shared.token, emergency: emergency.token, treating: treating.token, patient: patient.token,
    };
    /** A fresh upload of the caller's own (a record for a patient, a document for a doctor), or a made-up id for anyone else. */
    const ownUpload = async (who: Who) => {
      if (who === 'patient' || who === 'otherPatient') return upload(clinic, tokens[who]!, Buffer.from('new report\n'), 'n.txt');
      if (['unrelated', 'shared', 'emergency', 'treating'].includes(who)) return upload(clinic, tokens[who]!, bytesOf(PNG_BASE64), 'd.png', 'credential');
      return '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
    };

    const matrix: [label: string, channel: ChannelName, input: (who: Who) => Promise<unknown> | unknown, expected: Record<Who, Outcome>][] = [
      ['add a record', 'records.add', async (w) => ({ uploadId: await ownUpload(w), title: 'New', category: 'other', recordDate: '2026-02-01' }), patients('ok', 'ok')],
      ['list own records', 'records.mine', () => ({}), patients('ok', 'ok')],
      ['the trash', 'records.trash', () => ({}), patients('ok', 'ok')],
      ['the access list', 'records.accessLog', () => ({}), patients('ok', 'ok')],
      ['share her record', 'records.share', () => ({ recordId: privateRecord.id, doctorId: unrelated.doctorId }), patients('ok', N)],
      ['unshare her record', 'records.unshare', () => ({ recordId: privateRecord.id, doctorId: unrelated.doctorId }), patients('ok', N)],
      ['open her shared record', 'records.file', () => ({ recordId: sharedRecord.id }), only({ patient: 'ok', otherPatient: N, unrelated: F, shared: 'ok', emergency: 'ok', treating: 'ok' })],
      ['open her private record', 'records.file', () => ({ recordId: privateRecord.id }), only({ patient: 'ok', otherPatient: N, unrelated: F, shared: N, emergency: 'ok', treating: 'ok' })],
      ['delete her record', 'records.delete', () => ({ recordId: throwaway.id }), patients('ok', N)],
      ['restore her record', 'records.restore', () => ({ recordId: throwaway.id }), patients('ok', N)],
      ['a doctor\'s patients', 'records.myPatients', () => ({}), doctors({ unrelated: 'ok', shared: 'ok', emergency: 'ok', treating: 'ok' })],
      ['her chart', 'records.patientChart', () => ({ patientId: patient.patientId }), doctors({ unrelated: F, shared: 'ok', emergency: 'ok', treating: 'ok' })],
      ['find a patient by phone', 'records.findPatient', () => ({ phone: '9822011111' }), doctors({ unrelated: 'ok', shared: 'ok', emergency: 'ok', treating: 'ok' })],
      ['her consultation', 'consultations.get', () => ({ appointmentId: appointment.id }), only({ patient: 'ok', otherPatient: N, unrelated: N, shared: N, emergency: N, treating: 'ok' })],
      ['write her consultation', 'consultations.save', () => ({ appointmentId: appointment.id, notes: 'Better.', items: [PARACETAMOL] }), doctors({ unrelated: N, shared: N, emergency: N, treating: 'ok' })],
      ['own consultations', 'consultations.mine', () => ({}), patients('ok', 'ok')],
      ['her prescription', 'prescriptions.pdf', () => ({ appointmentId: appointment.id }), only({ patient: 'ok', otherPatient: N, unrelated: N, shared: N, emergency: 'ok', treating: 'ok' })],
      ['begin a record upload', 'uploads.begin', () => ({ purpose: 'record', name: 'r.pdf', size: 100 }), only({ patient: 'ok', otherPatient: 'ok' })],
      ['begin a document upload', 'uploads.begin', () => ({ purpose: 'credential', name: 'd.pdf', size: 100 }), doctors({ unrelated: 'ok', shared: 'ok', emergency: 'ok', treating: 'ok' })],
      ['add to her upload', 'uploads.chunk', () => ({ uploadId: hers, index: 1, base64: 'aGk=' }), only({ otherPatient: N, unrelated: N, shared: N, emergency: N, treating: N, patient: 'ok' })],
      ['a credential document', 'doctors.document', () => ({ documentId: document.id }), only({ admin: 'ok', unrelated: N, shared: N, emergency: N, treating: 'ok' })],
      ['add a credential document', 'doctors.addDocument', async (w) => ({ uploadId: await ownUpload(w), kind: 'other', title: 'Certificate' }), doctors({ unrelated: 'ok', shared: 'ok', emergency: 'ok', treating: 'ok' })],
      ['remove a credential document', 'doctors.removeDocument', () => ({ documentId: document.id }), doctors({ unrelated: N, shared: N, emergency: N, treating: 'ok' })],
      ['the emergency accesses', 'admin.emergencyAccesses', () => ({}), only({ admin: 'ok' })],
      ['emergency access to her', 'records.emergencyAccess', () => ({ patientId: patient.patientId, reason: 'Collapsed at the desk; needs history' }), doctors({ unrelated: 'ok', shared: 'ok', emergency: 'ok', treating: 'CONFLICT' })],
    ];

    const answers: string[] = [];
    const wanted: string[] = [];
    for (const [label, channel, input, expected] of matrix) {
      for (const who of WHO) {
        const r = await clinic.call(channel, (await input(who)) as Input<typeof channel>, tokens[who]);
        answers.push(`${label} / ${who}: ${r.ok ? 'ok' : r.error.code}`);
        wanted.push(`${label} / ${who}: ${expected[who]}`);
      }
    }
    expect(answers).toEqual(wanted);

    // Emergency access was allowed and every look under it flagged; the doctor without a way in left no access row.
    const rows = (await auditRows(clinic.app)).filter((r) => r.patient_id === patient.patientId);
    const byUser = (u: number) => rows.filter((r) => r.actor_user_id === u && ['records.viewed', 'record.opened'].includes(r.action));
    expect(byUser(emergency.login.user.id).map((r) => JSON.parse(r.detail).emergency)).toEqual([true, true, true]);
    expect(byUser(treating.login.user.id).every((r) => JSON.parse(r.detail).via === 'appointment')).toBe(true);
    expect(byUser(unrelated.login.user.id)).toEqual([]);
  });
});
