import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURES, type ChartRange } from '../../../shared/monitoring';
import { UploadRecords } from '../records/UploadRecords';
import { useSession } from '../session/session';
import { useDates } from '../ui/format';
import { Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { Charts } from './Charts';
import { ImportReadings } from './ImportReadings';
import { ReadingEntry } from './ReadingEntry';
import { VisitList } from './Visits';
import { readingValue, ruleText, targetText } from './words';

/** The patient's health tracking: quick entry, their doctors' targets, charts, and what their doctors acknowledged. */
export function MyHealth() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const [range, setRange] = useState<ChartRange>('30d');
  const [kept, setKept] = useState(false);
  const { data, error, reload } = useLoad(invoke, 'monitoring.mine', { range }, ['monitoring']);
  // The planned measures first in the entry's list.
  const planned = [...new Set(data?.plans.flatMap((p) => p.measures.map((m) => m.measure)) ?? [])];
  const measures = [...planned, ...MEASURES.filter((m) => !planned.includes(m))];

  return (
    <Page title={t('monitoring.mine.title')}>
      <p className="lead">{t('monitoring.mine.intro')}</p>
      <ReadingEntry key={planned.join()} measures={measures} onSaved={() => void reload()} />
      <ImportReadings onImported={() => void reload()} />
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && (
        <>
          {data.plans.map((p) => (
            <section key={p.planId} className="card" aria-labelledby={`plan-${p.planId}`}>
              <h2 id={`plan-${p.planId}`}>{t('monitoring.mine.plan', { doctor: p.doctorName })}</h2>
              <ul className="plain-list">
                {p.measures.map((m) => (
                  <li key={m.measure}><strong>{t(`monitoring.measures.${m.measure}`)}</strong>: {targetText(t, m)}</li>
                ))}
              </ul>
            </section>
          ))}
          <Charts plans={data.plans} readings={data.readings} range={range} onRange={setRange} />
          <section className="card" aria-labelledby="my-visits-title">
            <h2 id="my-visits-title">{t('monitoring.visits.title')}</h2>
            <VisitList visits={data.visits} />
          </section>
          {/* The month's lab report is a record like any other (My records lists it), shared with the monitoring doctor. */}
          <div className="card">
            <UploadRecords
              title={t('monitoring.mine.labReport')}
              doctors={data.plans.map((p) => ({ id: p.doctorId, fullName: p.doctorName }))}
              category="lab_report"
              shareWith={data.plans[0]?.doctorId}
              onKept={() => setKept(true)}
            />
            {kept && <Notice kind="success">{t('monitoring.mine.labReportKept')}</Notice>}
          </div>
          <section className="card" aria-labelledby="acknowledged-title">
            <h2 id="acknowledged-title">{t('monitoring.mine.acknowledged')}</h2>
            {data.alerts.length === 0 ? (
              <p className="empty">{t('monitoring.mine.noneAcknowledged')}</p>
            ) : (
              <ul className="plain-list alert-list">
                {data.alerts.map((a) => (
                  <li key={a.id}>
                    <p>
                      <strong>{ruleText(t, a)}</strong> · {t(`monitoring.measures.${a.measure}`)}
                      {/* A rising average names its two averages; its fortnight of readings is in the charts. */}
                      {a.rule !== 'rising_average' && a.readings.length > 0 && ` · ${a.readings.map((r) => readingValue(t, r)).join(', ')}`}
                    </p>
                    <p>{t('monitoring.mine.doctorNote', { doctor: a.acknowledgedBy ?? a.doctorName, when: dateTime(a.acknowledgedAt!) })}</p>
                    <blockquote>{a.note}</blockquote>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
