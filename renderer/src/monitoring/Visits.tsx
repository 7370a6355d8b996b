import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '../../../shared/contract';
import { VISIT_KINDS, type VisitKind } from '../../../shared/monitoring';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { DateField } from '../ui/DateField';
import { SelectField, TextArea } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

/** The home-care visits of a monitored patient, newest first: when, how, by whom, what was done. */
export function VisitList({ visits }: { visits: VisitView[] }) {
  const { t } = useTranslation();
  const { day } = useDates();
  return (
    <DataTable
      caption={t('monitoring.visits.title')}
      rows={visits}
      rowKey={(v) => v.id}
      empty={t('monitoring.visits.none')}
      columns={[
        { header: t('monitoring.visits.date'), cell: (v) => day(v.visitedOn), className: 'nowrap' },
        { header: t('monitoring.visits.kind'), cell: (v) => t(`monitoring.visits.kinds.${v.kind}`) },
        { header: t('monitoring.visits.doctor'), cell: (v) => v.doctorName },
        { header: t('monitoring.visits.notes'), cell: (v) => <span className="details__text">{v.notes}</span> },
      ]}
    />
  );
}

/** The doctor logs a visit to a patient they monitor: the day (today unless changed), how, and notes. */
export function LogVisit({ patientId, onSaved }: { patientId: number; onSaved: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { today } = useDates();
  const save = useSubmit(invoke, 'monitoring.logVisit');
  const [visitedOn, setVisitedOn] = useState(today());
  const [kind, setKind] = useState<VisitKind | ''>('');
  const [notes, setNotes] = useState('');
  const [saved, setSaved] = useState(false);

  async function submit() {
    setSaved(false);
    const r = await save.submit({ patientId, visitedOn, kind: kind as VisitKind, notes });
    if (!r) return focusFirstInvalid();
    setSaved(true);
    setKind('');
    setNotes('');
    onSaved();
  }

  return (
    <Form onSubmit={() => void submit()} label={t('monitoring.visits.log')}>
      {save.error && <Notice kind="error">{save.error}</Notice>}
      {saved && <Notice kind="success">{t('monitoring.visits.saved')}</Notice>}
      <div className="reading-entry">
        <DateField label={t('monitoring.visits.date')} value={visitedOn} onChange={setVisitedOn} required error={save.fieldError('visitedOn')} />
        <SelectField
          label={t('monitoring.visits.kind')}
          value={kind}
          onChange={(k) => setKind(k as VisitKind)}
          placeholder={t('monitoring.visits.chooseKind')}
          options={VISIT_KINDS.map((k) => ({ value: k, label: t(`monitoring.visits.kinds.${k}`) }))}
          error={save.fieldError('kind')}
        />
      </div>
      <TextArea label={t('monitoring.visits.notes')} value={notes} onChange={setNotes} rows={3} maxLength={2000} required error={save.fieldError('notes')} />
      <div className="form__actions">
        <Button type="submit" busy={save.busy}>{t('monitoring.visits.log')}</Button>
      </div>
    </Form>
  );
}
