import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEE_KINDS, type FeeKind, type FeeSchedule as Schedule } from '../../../shared/contract';
import { useSession } from '../session/session';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { rupees, rupeesInput, toPaise } from './labels';

type Draft = Record<FeeKind, string>;
const draftOf = (s: Schedule): Draft => Object.fromEntries(FEE_KINDS.map((k) => [k, s.own[k] === null ? '' : rupeesInput(s.own[k])])) as Draft;

/** A doctor's fees: their own where they set one, the clinic's default elsewhere (an empty field). */
export function FeeSchedule() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error: loadError } = useLoad(invoke, 'fees.mine', {});
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'fees.saveMine');

  useEffect(() => {
    if (!data) return;
    setSchedule(data);
    setDraft(draftOf(data));
  }, [data]);

  async function save() {
    if (!draft) return;
    setSaved(false);
    // An empty field: no fee of the doctor's own.
    const own = Object.fromEntries(FEE_KINDS.filter((k) => draft[k].trim() !== '').map((k) => [k, toPaise(draft[k])])) as Partial<Record<FeeKind, number>>;
    const r = await submit({ own });
    if (!r) return focusFirstInvalid();
    setSchedule(r);
    setDraft(draftOf(r));
    setSaved(true);
  }

  return (
    <Page title={t('billing.fees.title')}>
      <p className="lead">{t('billing.fees.intro')}</p>
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {!draft && !loadError && <Loading />}
      {saved && <Notice kind="success">{t('billing.fees.saved')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {draft && schedule && (
        <Form label={t('billing.fees.title')} onSubmit={() => void save()}>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('billing.fees.title')}>
          <table className="table fee-table">
            <caption className="visually-hidden">{t('billing.fees.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('billing.fees.kind')}</th>
                <th scope="col">{t('billing.fees.yours')}</th>
                <th scope="col">{t('billing.fees.clinicDefault')}</th>
                <th scope="col">{t('billing.fees.applies')}</th>
              </tr>
            </thead>
            <tbody>
              {FEE_KINDS.map((k) => {
                const own = draft[k].trim() !== '';
                const problem = fieldError(`own.${k}`);
                return (
                  <tr key={k}>
                    <th scope="row">{t(`billing.feeKinds.${k}`)}</th>
                    <td>
                      <input
                        aria-label={t('billing.fees.yourFee', { kind: t(`billing.feeKinds.${k}`) })} inputMode="decimal" maxLength={16} value={draft[k]}
                        placeholder={rupeesInput(schedule.clinicDefaults[k])} aria-invalid={problem ? true : undefined}
                        onChange={(e) => { setDraft({ ...draft, [k]: e.target.value }); setSaved(false); }}
                      />
                      {problem && <p className="field__error">{problem}</p>}
                    </td>
                    <td className="nowrap">{rupees(schedule.clinicDefaults[k])}</td>
                    <td>
                      <span className={`badge ${own ? 'fee-own' : 'fee-default'}`}>{t(own ? 'billing.fees.own' : 'billing.fees.default')}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
          <p className="form__note">{t('billing.fees.note')}</p>
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('billing.fees.save')}</Button>
          </div>
        </Form>
      )}
    </Page>
  );
}
