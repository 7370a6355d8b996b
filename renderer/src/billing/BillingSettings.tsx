import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEE_KINDS, type FeeKind, type Output } from '../../../shared/contract';
import { BILL_CATEGORIES, GST_RATES, ratePercent, type BillCategory } from '../../../shared/gst';
import { useSession } from '../session/session';
import { SelectField, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Fieldset, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { rupeesInput, toPaise } from './labels';

type Settings = Output<'billing.settings'>;
interface Draft {
  fees: Record<FeeKind, string>;
  taxes: Record<BillCategory, { rate: string; code: string }>;
}
const draftOf = (s: Settings): Draft => ({
  fees: Object.fromEntries(FEE_KINDS.map((k) => [k, rupeesInput(s.fees[k])])) as Draft['fees'],
  taxes: Object.fromEntries(BILL_CATEGORIES.map((c) => [c, { rate: String(s.taxes[c].rateBp), code: s.taxes[c].code }])) as Draft['taxes'],
});

/** The administrator's fee defaults (for doctors who set none) and the GST rate and SAC/HSN code per category. */
export function BillingSettings() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error: loadError } = useLoad(invoke, 'billing.settings', {});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'billing.saveSettings');

  useEffect(() => {
    if (data) setDraft(draftOf(data));
  }, [data]);

  async function save() {
    if (!draft) return;
    setSaved(false);
    const r = await submit({
      fees: Object.fromEntries(FEE_KINDS.map((k) => [k, toPaise(draft.fees[k])])) as Record<FeeKind, number>,
      taxes: Object.fromEntries(BILL_CATEGORIES.map((c) => [c, { rateBp: Number(draft.taxes[c].rate), code: draft.taxes[c].code }])) as Settings['taxes'],
    });
    if (!r) return focusFirstInvalid();
    setDraft(draftOf(r));
    setSaved(true);
  }
  const edit = (change: (d: Draft) => Draft) => {
    setDraft((d) => (d ? change(d) : d));
    setSaved(false);
  };

  return (
    <Page title={t('billing.settings.title')}>
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {!draft && !loadError && <Loading />}
      {saved && <Notice kind="success">{t('billing.settings.saved')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {draft && data && (
        <Form label={t('billing.settings.title')} onSubmit={() => void save()}>
          <Fieldset legend={t('billing.settings.feesLegend')}>
            <p className="fieldset__intro">{t('billing.settings.feesIntro')}</p>
            <div className="form__row">
              {FEE_KINDS.map((k) => (
                <TextField
                  key={k} label={t('billing.settings.feeLabel', { kind: t(`billing.feeKinds.${k}`) })} inputMode="decimal" maxLength={16} required
                  value={draft.fees[k]} onChange={(v) => edit((d) => ({ ...d, fees: { ...d.fees, [k]: v } }))} error={fieldError(`fees.${k}`)}
                />
              ))}
            </div>
          </Fieldset>
          <Fieldset legend={t('billing.settings.gstLegend')}>
            <Notice kind="info">{t('billing.settings.exempt')}</Notice>
            <p className="fieldset__intro">{data.gstin ? t('billing.settings.withGstin', { gstin: data.gstin }) : t('billing.settings.withoutGstin')}</p>
            {BILL_CATEGORIES.map((c) => (
              <div key={c} className="form__row">
                <SelectField
                  label={t('billing.settings.rateLabel', { category: t(`billing.categories.${c}`) })} value={draft.taxes[c].rate}
                  onChange={(v) => edit((d) => ({ ...d, taxes: { ...d.taxes, [c]: { ...d.taxes[c], rate: v } } }))}
                  options={GST_RATES.map((r) => ({ value: String(r), label: ratePercent(r) }))} error={fieldError(`taxes.${c}.rateBp`)}
                />
                <TextField
                  label={t('billing.settings.codeLabel', { category: t(`billing.categories.${c}`) })} hint={t('billing.settings.codeHint')} inputMode="numeric" maxLength={8}
                  value={draft.taxes[c].code} onChange={(v) => edit((d) => ({ ...d, taxes: { ...d.taxes, [c]: { ...d.taxes[c], code: v } } }))}
                  error={fieldError(`taxes.${c}.code`)}
                />
              </div>
            ))}
          </Fieldset>
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('billing.settings.save')}</Button>
          </div>
        </Form>
      )}
    </Page>
  );
}
