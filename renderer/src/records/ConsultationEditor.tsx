import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, PrescriptionItem } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextArea, TextField } from '../ui/Field';
import { FilePreview } from '../ui/FilePreview';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Fieldset, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { PrescriptionTable } from './ConsultationCard';

type ItemDraft = Record<keyof PrescriptionItem, string>;
const FIELDS = ['medicine', 'strength', 'dose', 'frequency', 'duration', 'instructions'] as const;
const emptyItem = (): ItemDraft => ({ medicine: '', strength: '', dose: '', frequency: '', duration: '', instructions: '' });
const draftOf = (i: PrescriptionItem): ItemDraft => ({ ...i, instructions: i.instructions ?? '' });

/** After a visit, its doctor writes the consultation notes and the prescription, and prints it. */
export function ConsultationEditor({ appointmentId, onBack }: { appointmentId: number; onBack: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { when } = useDates();
  const { data, error: loadError } = useLoad(invoke, 'consultations.get', { appointmentId });
  const [notes, setNotes] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([]);
  const [saved, setSaved] = useState(false);
  const [printing, setPrinting] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'consultations.save');

  useEffect(() => {
    if (!data) return;
    setNotes(data.notes);
    setItems(data.items.map(draftOf));
  }, [data]);

  async function save() {
    setSaved(false);
    const input: Input<'consultations.save'> = { appointmentId, notes, items: items.map((i) => ({ ...i, instructions: i.instructions || undefined })) };
    const r = await submit(input);
    if (!r) return focusFirstInvalid();
    setItems(r.items.map(draftOf));
    setSaved(true);
  }

  const setItem = (n: number, key: keyof ItemDraft, value: string) => setItems((all) => all.map((i, k) => (k === n ? { ...i, [key]: value } : i)));
  const title = data ? t('consultations.editTitle', { name: data.patientName, when: when(data.start) }) : t('consultations.title');

  return (
    <Page title={title} actions={<Button kind="secondary" onClick={onBack}>{t('chart.back')}</Button>}>
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {!data && !loadError && <Loading />}
      {saved && <Notice kind="success">{t('consultations.saved')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {data && !data.canEdit && (
        <>
          <p className="details__text">{data.notes || t('consultations.noNotes')}</p>
          {data.items.length > 0 && <PrescriptionTable items={data.items} />}
        </>
      )}
      {data?.canEdit && (
        <Form onSubmit={() => void save()} label={title}>
          <TextArea label={t('consultations.notes')} value={notes} onChange={setNotes} rows={6} maxLength={20_000} required error={fieldError('notes')} />
          <Fieldset legend={t('consultations.prescription')}>
            {items.length === 0 && <p className="form__note">{t('consultations.noItems')}</p>}
            {items.map((item, n) => (
              <div key={n} className="prescription-row" role="group" aria-label={t('consultations.itemLabel', { n: n + 1 })}>
                <div className="form__row">
                  {FIELDS.map((key) => (
                    <TextField
                      key={key}
                      label={t(`consultations.items.${key}`)}
                      value={item[key]}
                      onChange={(v) => setItem(n, key, v)}
                      required={key !== 'instructions'}
                      maxLength={key === 'instructions' ? 300 : 150}
                      error={fieldError(`items.${n}.${key}`)}
                    />
                  ))}
                </div>
                <Button kind="link" onClick={() => setItems((all) => all.filter((_, k) => k !== n))}>
                  {t('consultations.removeItem')}<span className="visually-hidden"> {t('consultations.itemLabel', { n: n + 1 })}</span>
                </Button>
              </div>
            ))}
            <Button kind="secondary" onClick={() => setItems((all) => [...all, emptyItem()])}>{t('consultations.addItem')}</Button>
          </Fieldset>
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('consultations.save')}</Button>
            {data.items.length > 0 || saved ? (
              <Button kind="secondary" onClick={() => setPrinting(true)}>{t('consultations.pdf')}</Button>
            ) : null}
          </div>
        </Form>
      )}
      {printing && (
        <FilePreview title={t('consultations.pdfTitle', { number: data!.appointmentNumber })} load={() => invoke('prescriptions.pdf', { appointmentId })} onClose={() => setPrinting(false)} />
      )}
    </Page>
  );
}
