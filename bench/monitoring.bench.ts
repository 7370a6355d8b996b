// Monitoring (issue 13). reading-save: a patient's reading through the dispatcher, its alert rules evaluated
// against five years of her daily readings (fasting glucose, blood pressure, weight), beside the same call for a
// patient with no plan (no rules run), alternating in the same run. chart-data: a year of her readings for the
// charts (monitoring.mine, about 1,100 rows), beside the same rows read with raw better-sqlite3.
import { signUp } from '../electron/core/demo';
import * as repo from '../electron/core/monitoring/monitoring.repo';
import { loadAverage, PASSWORD, rawOpener, scaled, setUpClinic } from './clinic-data';
import { count, median, ms, percentile, random, ratio, withTempDir, type Benchmark } from './lib';

const DAYS = 5 * 365 + 1;
const DAY_MS = 86_400_000;
const SAVES = scaled(2_000);
const READS = scaled(1_000);

const patientInput = (n: number) => ({
  password: PASSWORD,
  profile: {
    fullName: `Bench Patient ${n}`, email: `patient${n}@bench.medlink`, phone: `982200001${n}`, dateOfBirth: '1970-04-12', sex: 'female',
    address: { line: '1 FC Road', city: 'Pune', state: 'Maharashtra', pinCode: '411004' }, preferredLanguage: 'en',
  },
});

/** A clinic with a monitored patient (five years of daily readings) and an unmonitored one; `fn` measures in it. */
async function monitoringClinic(fn: (c: Awaited<ReturnType<typeof setUp>>) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const c = await setUp(dir);
    try {
      await fn(c);
    } finally {
      await c.app.close();
    }
  });
}

async function setUp(dir: string) {
  const { app, call, dataDir, keyFile } = await setUpClinic(dir);
  const monitored = await signUp(app, 'patients.signup', 'patient1@bench.medlink', 'patient', patientInput(1));
  const unmonitored = await signUp(app, 'patients.signup', 'patient2@bench.medlink', 'patient', patientInput(2));
  const db = app.deps.db;
  const patientId = (await db.selectFrom('patient_info').select('id').where('user_id', '=', monitored.user.id).executeTakeFirstOrThrow()).id;

  // Her doctor and plan, and five years of daily readings, written as no screen would (straight into the tables).
  const nowIso = new Date().toISOString();
  const { id: doctorUser } = await db.insertInto('users')
    .values({ email: 'doctor@bench.medlink', full_name: 'Dr Bench', phone: '9822000001', password_hash: 'x', language: 'en', must_change_password: 0, created_at: nowIso, updated_at: nowIso })
    .returning('id').executeTakeFirstOrThrow();
  const { id: doctorId } = await db.insertInto('doctor_info').values({
    user_id: doctorUser, full_name: 'Dr Bench', phone: '9822000001', speciality: 'general_medicine', registration_number: 'B1', registration_council: 'MMC',
    hospital: 'Bench', experience_years: 10, languages: '[]', status: 'verified', submitted_at: nowIso, created_at: nowIso, updated_at: nowIso,
  }).returning('id').executeTakeFirstOrThrow();
  const start = Date.now() - DAYS * DAY_MS;
  const planId = await repo.upsertPlan(db, { patientId, doctorId, heightCm: 160, nowIso: new Date(start).toISOString() });
  await repo.replaceMeasures(db, planId, [
    { measure: 'glucose_fasting', every_days: 1, low: 80, high: 130, low2: null, high2: null },
    { measure: 'blood_pressure', every_days: 1, low: 90, high: 130, low2: 60, high2: 80 },
    { measure: 'weight', every_days: 1, low: null, high: null, low2: null, high2: null },
  ]);
  const rnd = random(13);
  const rows = [];
  for (let d = 0; d < DAYS; d++) {
    const at = new Date(start + d * DAY_MS).toISOString();
    const common = { patient_id: patientId, taken_at: at, entered_by: monitored.user.id, entered_as: 'patient', created_at: at, pulse: null, note: null };
    rows.push(
      { ...common, measure: 'glucose_fasting', value: Math.round(95 + rnd() * 30), value2: null },
      { ...common, measure: 'blood_pressure', value: Math.round(115 + rnd() * 14), value2: Math.round(70 + rnd() * 9) },
      { ...common, measure: 'weight', value: Math.round((68 + rnd()) * 10) / 10, value2: null },
    );
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('readings').values(rows.slice(i, i + 500)).execute();
  return { app, call, monitored, unmonitored, patientId, readings: rows.length, raw: rawOpener(dataDir, keyFile, true) };
}

export const readingSaveBench: Benchmark = {
  name: 'reading-save',
  run: (log) =>
    monitoringClinic(async ({ app, call, monitored, unmonitored, readings }) => {
      const db = app.deps.db;

      // Half the saves are high, so out-of-range (and three-in-a-row) alerts are written as well as read for.
      const saved = new Map<string, number>();
      const save = (token: string) => () => {
        const n = (saved.get(token) ?? 0) + 1;
        saved.set(token, n);
        return call('readings.add', { measure: 'glucose_fasting', value: n % 2 ? 110 : 190, takenAt: new Date().toISOString() }, token);
      };
      const withRules: number[] = [];
      const without: number[] = [];
      for (let i = 0; i < Math.ceil(SAVES / 10); i++) await save(monitored.token)();
      for (let i = 0; i < SAVES; i++) {
        for (const [fn, into] of [[save(monitored.token), withRules], [save(unmonitored.token), without]] as const) {
          const t = performance.now();
          await fn();
          into.push(performance.now() - t);
        }
      }
      const alerts = (await db.selectFrom('monitoring_alerts').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      log(`bench reading-save: p95 ${ms(percentile(withRules, 95))} ms, median ${ms(median(withRules))} ms with rules over ${count(readings)} readings (${count(DAYS)} days × 3 measures; ${count(Number(alerts))} alerts raised) vs no plan p95 ${ms(percentile(without, 95))} ms, median ${ms(median(without))} ms (${ratio(median(without), median(withRules))}); goal p95 < 5 ms; ${SAVES} saves each; ${loadAverage()}`);
    }),
};

export const chartDataBench: Benchmark = {
  name: 'chart-data',
  run: (log) =>
    monitoringClinic(async ({ call, monitored, patientId, raw: open }) => {
      const raw = open({ readonly: true });
      const yearAgo = () => new Date(Date.now() - 365 * DAY_MS).toISOString();
      const select = raw.prepare('select * from readings where patient_id = ? and taken_at >= ? order by taken_at, id');
      let shown = 0;
      const chart: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < READS; i++) {
        let t = performance.now();
        shown = (await call<{ readings: unknown[] }>('monitoring.mine', { range: '1y' }, monitored.token)).readings.length;
        chart.push(performance.now() - t);
        t = performance.now();
        select.all(patientId, yearAgo());
        baseline.push(performance.now() - t);
      }
      raw.close();
      log(`bench chart-data: p95 ${ms(percentile(chart, 95))} ms, median ${ms(median(chart))} ms for a year of readings (${count(shown)} rows, through the dispatcher) vs raw better-sqlite3 select p95 ${ms(percentile(baseline, 95))} ms, median ${ms(median(baseline))} ms (${ratio(median(baseline), median(chart))}); goal p95 < 10 ms; ${READS} reads; ${loadAverage()}`);
    }),
};

const IMPORTS = scaled(5);
const IMPORT_LINES = 10_000;

/** 10,000 CSV lines (five measures a day for 2,000 days) ending `endDay` days ago, and the same as rows for the baseline. */
function importFile(endDay: number, patientId: number, userId: number) {
  const lines = ['date,time,measure,value,unit,diastolic,pulse,note'];
  const rows: unknown[][] = [];
  const rnd = random(endDay);
  for (let d = endDay + IMPORT_LINES / 5; d > endDay; d--) {
    const date = new Date(Date.now() - d * DAY_MS).toISOString().slice(0, 10);
    const glucose = Math.round(95 + rnd() * 40);
    const sys = Math.round(115 + rnd() * 20);
    const weight = (68 + rnd()).toFixed(1);
    lines.push(`${date},07:00,glucose_fasting,${glucose},,,,`, `${date},09:30,glucose_after_meal,${glucose + 40},,,,`, `${date},08:00,blood_pressure,${sys},,75,70,`,
      `${date},07:10,weight,${weight},,,,`, `${date},07:15,spo2,97,,,,after a walk`);
    for (const [measure, value, value2] of [['glucose_fasting', glucose, null], ['glucose_after_meal', glucose + 40, null], ['blood_pressure', sys, 75], ['weight', Number(weight), null], ['spo2', 97, null]] as const) {
      rows.push([patientId, measure, value, value2, `${date}T01:30:00.000Z`, userId]);
    }
  }
  return { csv: lines.join('\r\n'), rows };
}

export const readingImportBench: Benchmark = {
  name: 'reading-import',
  run: (log) =>
    monitoringClinic(async ({ call, monitored, unmonitored, patientId, raw: open }) => {
      const raw = open();
      const insert = raw.prepare("insert into readings (patient_id, measure, value, value2, taken_at, entered_by, entered_as, created_at) values (?, ?, ?, ?, ?, ?, 'import', ?)");
      const insertAll = raw.transaction((rows: unknown[][]) => {
        for (const r of rows) insert.run(...r, new Date().toISOString());
      });
      const withRules: number[] = [];
      const noPlan: number[] = [];
      const baseline: number[] = [];
      let alerts = 0;
      // Each import covers 2,000 days older than the five years already there (and than the one before it).
      for (let i = 0; i < IMPORTS; i++) {
        const endDay = DAYS + 10 + i * 2_100;
        for (const [who, into] of [[monitored, withRules], [unmonitored, noPlan]] as const) {
          const { csv } = importFile(endDay, 0, 0);
          const t = performance.now();
          const done = await call<{ imported: number; alertsRaised: number }>('readings.import', { csv, goodLinesOnly: false }, who.token);
          into.push(performance.now() - t);
          if (done.imported !== IMPORT_LINES) throw new Error(`imported ${done.imported} of ${IMPORT_LINES}`);
          if (who === monitored) alerts += done.alertsRaised;
        }
        const { rows } = importFile(endDay + 100_000, patientId, monitored.user.id);
        const t = performance.now();
        insertAll(rows);
        baseline.push(performance.now() - t);
      }
      raw.close();
      log(`bench reading-import: median ${ms(median(withRules))} ms for ${count(IMPORT_LINES)} CSV lines (parse, duplicate check, insert, audit; rules of a 3-measure plan: ${count(alerts)} alerts) and ${ms(median(noPlan))} ms with no plan, vs raw better-sqlite3 insert of the same rows in one transaction ${ms(median(baseline))} ms (${ratio(median(baseline), median(noPlan))} without rules); ${IMPORTS} imports each; ${loadAverage()}`);
    }),
};
