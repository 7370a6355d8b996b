import type { FileContent, PlanMeasure } from '../../../shared/contract';
import { zonedParts } from '../../../shared/clinic-time';
import { MEASURES, STORED_UNIT, type ChartRange, type Measure, type VisitKind } from '../../../shared/monitoring';
import { record } from '../audit/audit.service';
import { clinicSettings } from '../clinic/clinic.service';
import { DomainError, type Ctx } from '../context';
import { mailCatalog } from '../mail/templates';
import { newDocument } from '../pdf/document';
import { contactLine, day, when } from '../pdf/wording';
import { patientById } from '../patients/patients.repo';
import { signedInDoctor } from '../records/access';
import * as repo from './monitoring.repo';
import { doctorAccess, rangeStart } from './readings.service';
import { outOfRange } from './rules';
import { alertViews, planViews } from './views';

// The monitoring summary a doctor prints: the period, a table of figures per measure (how many readings, lowest,
// highest, average, the share within the doctor's target, the latest), the alerts with their acknowledgement
// notes, and the home-care visits. In English, as the clinic's other documents; printing it is audited.

const VISIT_KINDS: Record<VisitKind, string> = { home: 'Home visit', phone: 'Phone call', video: 'Video call', clinic: 'At the clinic' };

type Row = repo.ReadingRow;
const round1 = (v: number) => String(Math.round(v * 10) / 10);
/** A figure of a measure: blood pressure as systolic/diastolic. */
const pair = (r: { value: number; value2: number | null }) => (r.value2 === null ? round1(r.value) : `${round1(r.value)}/${round1(r.value2)}`);

/** Count, lowest, highest, average, per cent in the target (null without one) and the latest, of one measure's readings (oldest first). */
export function measureFigures(rows: Row[], target: PlanMeasure | undefined) {
  const values = (pick: (r: Row) => number | null) => rows.map(pick).filter((v): v is number => v !== null);
  const stat = (f: (vs: number[]) => number) => ({ value: f(values((r) => r.value)), value2: values((r) => r.value2).length ? f(values((r) => r.value2)) : null });
  const mean = (vs: number[]) => vs.reduce((s, v) => s + v, 0) / vs.length;
  const bounded = target && [target.low, target.high, target.low2, target.high2].some((b) => b !== null);
  return {
    count: rows.length,
    min: stat((vs) => Math.min(...vs)),
    max: stat((vs) => Math.max(...vs)),
    mean: stat(mean),
    inRangePercent: bounded ? Math.round((rows.filter((r) => !outOfRange(r, target)).length / rows.length) * 100) : null,
    latest: rows.at(-1)!,
  };
}

function targetText(m: PlanMeasure | undefined): string {
  if (!m) return 'No target';
  const bound = (low: number | null, high: number | null) =>
    low !== null && high !== null ? `${low}–${high}` : low !== null ? `from ${low}` : high !== null ? `up to ${high}` : '–';
  return m.measure === 'blood_pressure' ? `${bound(m.low, m.high)}/${bound(m.low2, m.high2)}` : bound(m.low, m.high);
}

export async function summaryPdf(ctx: Ctx, patientId: number, range: ChartRange): Promise<FileContent> {
  const doctor = await signedInDoctor(ctx);
  const patient = await patientById(ctx.db, patientId);
  if (!patient) throw new DomainError('NOT_FOUND', 'No patient has this number.');
  const via = await doctorAccess(ctx, doctor, patientId);
  const clinic = (await clinicSettings(ctx))!;
  const fromIso = rangeStart(ctx.now, range);
  const readings = await repo.readingsOf(ctx.db, patientId, { fromIso });
  const plan = (await planViews(ctx, (await repo.plansOfPatient(ctx.db, patientId)).filter((p) => p.doctor_id === doctor.id)))[0];
  const alerts = (await alertViews(ctx, await repo.alertsOf(ctx.db, { patientId, doctorId: doctor.id }))).filter((a) => !fromIso || a.raisedAt >= fromIso).reverse();
  const dayOf = (iso: string) => zonedParts(new Date(iso), clinic.timeZone).date;
  const from = dayOf(fromIso ?? readings[0]?.taken_at ?? ctx.now.toISOString());
  const to = dayOf(ctx.now.toISOString());
  const visits = (await repo.visitsOf(ctx.db, patientId, { fromDate: from, toDate: to })).reverse();
  await record(ctx, { action: 'monitoring.summary_printed', actorId: doctor.user_id, patientId, detail: { via, from, to, ...(via === 'emergency' ? { emergency: true } : {}) } });

  const words = mailCatalog('en');
  const on = (iso: string) => when(iso, clinic.timeZone);
  const period = `${day(from)} to ${day(to)}`;
  const patientName = patient.latin_name ?? patient.full_name;
  const doctorName = doctor.latin_name ?? doctor.full_name;
  const measureName = (m: Measure) => words.measures![m]!;

  const doc = await newDocument({
    title: `Monitoring summary: ${patientName}`,
    author: doctorName,
    subject: `Health monitoring of ${patientName}, ${from} to ${to}`,
    createdAt: ctx.now,
    footer: `${clinic.name} · Monitoring summary of ${patientName} · ${period}`,
  });
  doc.row([{ text: clinic.name, width: 0.6, bold: true, size: 15 }, { text: 'Monitoring summary', width: 0.4, bold: true, size: 15, align: 'right' }]);
  doc.text([clinic.address, contactLine(clinic)].filter(Boolean).join(' · '), { muted: true });
  doc.rule();
  doc.fields([
    ['Patient', patientName],
    ['Doctor', doctorName],
    ['Period', period],
    ['Readings', String(readings.length)],
  ], 0.2);

  doc.space(10);
  doc.text('Readings by measure', { bold: true, size: 11 });
  const measures = MEASURES.filter((m) => readings.some((r) => r.measure === m) || plan?.measures.some((p) => p.measure === m));
  doc.table(
    [
      { header: 'Measure (unit)', width: 0.22 }, { header: 'Target', width: 0.15 }, { header: 'Count', width: 0.07, align: 'right' },
      { header: 'Lowest', width: 0.08, align: 'right' }, { header: 'Highest', width: 0.09, align: 'right' }, { header: 'Average', width: 0.09, align: 'right' },
      { header: 'In range', width: 0.1, align: 'right' }, { header: 'Latest', width: 0.2 },
    ],
    measures.map((m) => {
      const rows = readings.filter((r) => r.measure === m);
      const target = plan?.measures.find((p) => p.measure === m);
      const head = [`${measureName(m)} (${STORED_UNIT[m]})`, targetText(target)];
      if (rows.length === 0) return [...head, '0', '–', '–', '–', '–', 'None in the period'];
      const f = measureFigures(rows, target);
      return [
        ...head, String(f.count), pair(f.min), pair(f.max), pair(f.mean), f.inRangePercent === null ? '–' : `${f.inRangePercent}%`,
        `${pair(f.latest)}, ${on(f.latest.taken_at)}`,
      ];
    }),
  );

  doc.space(10);
  doc.text('Alerts', { bold: true, size: 11 });
  if (alerts.length === 0) doc.text('No alerts in the period.', { muted: true });
  else {
    doc.table(
      [{ header: 'Raised', width: 0.13 }, { header: 'Alert', width: 0.37 }, { header: 'Readings', width: 0.12 }, { header: 'Acknowledged, with the note', width: 0.38 }],
      alerts.map((a) => [
        on(a.raisedAt),
        `${words.alertRules![a.rule]!.replace('{{percent}}', String(a.figures.changePercent ?? '')).replace('{{days}}', String(a.figures.days ?? ''))}: ${measureName(a.measure)}`,
        a.rule === 'rising_average' ? `average ${a.figures.previousAverage} to ${a.figures.average}` : a.readings.map((r) => pair(r)).join(', '),
        a.acknowledgedAt ? `${a.acknowledgedBy ?? a.doctorName}, ${on(a.acknowledgedAt)}: ${a.note ?? ''}` : 'Open',
      ]),
    );
  }

  doc.space(10);
  doc.text('Home-care visits', { bold: true, size: 11 });
  if (visits.length === 0) doc.text('No visits logged in the period.', { muted: true });
  else {
    doc.table(
      [{ header: 'Date', width: 0.14 }, { header: 'Visit', width: 0.14 }, { header: 'Doctor', width: 0.18 }, { header: 'Notes', width: 0.54 }],
      visits.map((v) => [day(v.visited_on), VISIT_KINDS[v.kind], v.doctor_name, v.notes]),
    );
  }
  doc.space(16);
  doc.text(`Printed by ${doctorName} through MedLink on ${on(ctx.now.toISOString())}. Values are in the units shown; the targets are ${doctorName}'s plan.`, { muted: true });
  const bytes = Buffer.from(await doc.finish());
  return { mime: 'application/pdf', base64: bytes.toString('base64'), fileName: `monitoring-summary-${patientId}-${to}.pdf` };
}
