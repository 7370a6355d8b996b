import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODES, SEARCH_SORTS, type Input, type SearchResult } from '../../../shared/contract';
import { parseRupees } from '../../../shared/money';
import { SPECIALITIES } from '../../../shared/specialities';
import { useSession } from '../session/session';
import { SelectField, TextField } from '../ui/Field';
import { Button, Empty, Form, Loading, Notice, Page } from '../ui/Layout';
import { specialityLabel, useDates } from '../ui/format';
import { useSubmit } from '../ui/useSubmit';
import { DoctorSummary } from './DoctorSummary';
import { DateField } from '../ui/DateField';

type SearchInput = Input<'doctors.search'>;

export interface SearchForm {
  text: string;
  speciality: string;
  mode: string;
  language: string;
  availableOn: string;
  /** Rupees, as typed. */
  maxFee: string;
  sort: (typeof SEARCH_SORTS)[number];
}
export const EMPTY_SEARCH: SearchForm = { text: '', speciality: '', mode: '', language: '', availableOn: '', maxFee: '', sort: 'relevance' };

/** Empty fields are no filter at all. */
function toInput(f: SearchForm): SearchInput {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    text: opt(f.text),
    speciality: opt(f.speciality) as SearchInput['speciality'],
    mode: opt(f.mode) as SearchInput['mode'],
    language: opt(f.language),
    availableOn: opt(f.availableOn),
    maxFee: f.maxFee.trim() ? (parseRupees(f.maxFee) ?? Number.NaN) : undefined,
    sort: f.sort,
  };
}

/**
 * Find a verified doctor by free text and filters. The form is kept by the booking flow, so coming back
 * from a profile shows the same search again.
 */
export function FindDoctor({ form, onForm, onOpen }: { form: SearchForm; onForm: (f: SearchForm) => void; onOpen: (doctorId: number) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const dates = useDates();
  const [draft, setDraft] = useState(form);
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'doctors.search');
  const set = <K extends keyof SearchForm>(key: K) => (value: SearchForm[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function run(f: SearchForm) {
    const found = await submit(toInput(f));
    if (found) {
      setResults(found);
      onForm(f);
    }
  }

  useEffect(() => {
    void run(form);
    // Once, when the screen opens: later searches come from the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const clear = () => {
    setDraft(EMPTY_SEARCH);
    void run(EMPTY_SEARCH);
  };

  const specialities = SPECIALITIES.filter((s) => s !== 'other').map((s) => ({ value: s, label: specialityLabel(t, { speciality: s }) }));

  return (
    <Page title={t('find.title')}>
      <Form label={t('find.formLabel')} onSubmit={() => void run(draft)}>
        <div className="search-row">
          <TextField
            type="search"
            label={t('find.text')}
            hint={t('find.textHint')}
            value={draft.text}
            onChange={set('text')}
            maxLength={100}
            error={fieldError('text')}
          />
          <Button type="submit" busy={busy}>{t('find.submit')}</Button>
        </div>
        <div className="form__row">
          <SelectField label={t('find.speciality')} value={draft.speciality} onChange={set('speciality')} options={specialities} placeholder={t('find.anySpeciality')} error={fieldError('speciality')} />
          <SelectField
            label={t('find.mode')}
            value={draft.mode}
            onChange={set('mode')}
            options={MODES.map((m) => ({ value: m, label: t(`booking.mode.${m}`) }))}
            placeholder={t('find.anyMode')}
            error={fieldError('mode')}
          />
          <TextField label={t('find.language')} hint={t('find.languageHint')} value={draft.language} onChange={set('language')} maxLength={40} error={fieldError('language')} />
          <DateField label={t('find.availableOn')} value={draft.availableOn} onChange={set('availableOn')} error={fieldError('availableOn')} />
          <TextField label={t('find.maxFee')} hint={t('find.maxFeeHint')} inputMode="decimal" value={draft.maxFee} onChange={set('maxFee')} maxLength={12} error={fieldError('maxFee')} />
          <SelectField
            label={t('find.sort')}
            value={draft.sort}
            onChange={(v) => set('sort')(v as SearchForm['sort'])}
            options={SEARCH_SORTS.map((s) => ({ value: s, label: t(`find.sorts.${s}`) }))}
          />
        </div>
        <div className="form__actions form__actions--start">
          <Button kind="link" onClick={clear}>{t('find.clear')}</Button>
        </div>
      </Form>

      <section aria-labelledby="find-results" className="find-results">
        <h2 id="find-results">{t('find.results')}</h2>
        <p className="form__note">{t('find.neutralOrder')}</p>
        {error && <Notice kind="error">{error}</Notice>}
        {!results && !error && <Loading />}
        {results && (
          <p className="find-count" role="status">
            {form.availableOn
              ? t('find.countOn', { count: results.length, day: dates.longDay(form.availableOn) })
              : t('find.count', { count: results.length })}
          </p>
        )}
        {results && results.length === 0 && <Empty>{t('find.empty')}</Empty>}
        {results && results.length > 0 && (
          <ul className="doctor-list">
            {results.map((d) => (
              <li key={d.id}>
                <ResultCard doctor={d} onOpen={() => onOpen(d.id)} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

function ResultCard({ doctor: d, onOpen }: { doctor: SearchResult; onOpen: () => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <article className="card doctor-card" aria-labelledby={`result-${d.id}`}>
      <DoctorSummary doctor={d} headingId={`result-${d.id}`} />
      <p className={`next-slot${d.nextSlot ? '' : ' next-slot--none'}`}>
        {d.nextSlot
          ? t('find.nextFree', { day: dates.shortDay(d.nextSlot.date), time: dates.clock(d.nextSlot.time) })
          : t(d.modes.length ? 'find.noFreeSlot' : 'find.noHours')}
      </p>
      <div className="doctor-card__actions">
        {/* Only a doctor with a free time can be booked from here; the others' profiles can still be read. */}
        <Button kind={d.nextSlot ? 'primary' : 'secondary'} onClick={onOpen}>{t(d.nextSlot ? 'find.open' : 'find.openProfile')}</Button>
      </div>
    </article>
  );
}
