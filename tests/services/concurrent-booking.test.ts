import { fork } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newClinic, ok, signupPatient } from '../helpers/clinic';
import { patientSignupInput } from '../helpers/data';
import { ist, practisingDoctor } from '../helpers/scheduling';

const SEATS = 4;
const WORKER = join(import.meta.dirname, '../helpers/booking-worker.ts');

describe('several seats booking the same slots at once', () => {
  it('gives each slot to exactly one seat and never overlaps appointments', async () => {
    const clinic = await newClinic();
    // 30-minute slots: a 15-minute appointment could overlap one that the unique index on starts alone would miss.
    const doctor = await practisingDoctor(clinic, 'Dr Rohan Mehta', {
      settings: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 },
      weekly: [{ weekday: 2, ranges: [{ start: '09:00', end: '17:00', modes: ['in_person'] }] }],
    });
    const starts = Array.from({ length: 8 }, (_, i) => ist('2026-03-03', `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`));
    const patients = [];
    for (let i = 0; i < SEATS; i++) patients.push(await signupPatient(clinic, patientSignupInput({ fullName: `Patient ${i}`, phone: `98220000${10 + i}` })));

    const workers = patients.map((p) =>
      fork(WORKER, [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          MEDLINK_JOB: JSON.stringify({ dataDir: clinic.dataDir, databaseUrl: clinic.databaseUrl, now: clinic.clock.now().toISOString(), token: p.token, doctorId: doctor.doctorId, starts }),
        },
      }),
    );
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
    const results = workers.map((w) => new Promise<{ start: string; result: string }[]>((resolve) => w.once('message', (m) => resolve(m as never))));
    for (const w of workers) w.send('go');
    const outcomes = (await Promise.all(results)).flat();

    for (const start of starts) {
      const forSlot = outcomes.filter((o) => o.start === start).map((o) => o.result).sort();
      expect(forSlot, start).toEqual(['SLOT_TAKEN', 'SLOT_TAKEN', 'SLOT_TAKEN', 'booked']);
    }
    const diary = ok(await clinic.call('appointments.schedule', { fromDate: '2026-03-03', toDate: '2026-03-03' }, doctor.token)).appointments;
    expect(diary).toHaveLength(starts.length);
    for (let i = 1; i < diary.length; i++) expect(diary[i]!.start >= diary[i - 1]!.end).toBe(true);
  }, 240_000);
});
