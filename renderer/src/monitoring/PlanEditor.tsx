import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, PlanView } from '../../../shared/contract';
import { STORED_UNIT, type Measure } from '../../../shared/monitoring';
import { useSession } from '../session/session';
import { Checkbox, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Fieldset, Form, Loading, Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';

type Row = { on: boolean; everyDays: string; low: string; high: string; low2: string; high2: string };
const text = (v: number | null) => (v === null ? '' : String(v));
const num = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(',', '.')));

/**
 * A patient's monitoring plan: which measures, how often, and the targets, pre-filled from the clinic's defaults
 * (their source shown) or from the plan as it is.
 */
export function PlanEditor({ patientId, patientName, plan, onSaved }: { patientId: number; patientName: string; plan: PlanView | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data: defaults, error } = useLoad(invoke, 'monitoring.defaults', {});
  const save = useSubmit(invoke, 'monitoring.enrol');
  const [rows, setRows] = useState<Partial<Record<Measure, Row>>>({});
  const [height, setHeight] = useState(text(plan?.heightCm ?? null));
  const [saved, setSaved] = useState(false);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!defaults) return <Loading />;
  const rowOf = (d: (typeof defaults)[number]): Row => {
    const current = plan?.measures.find((m) => m.measure === d.measure);
    const from = current ?? d;
    return { on: !!current, everyDays: String(from.everyDays), low: text(from.low), high: text(from.high), low2: text(from.low2), high2: text(from.high2) };
  };
  const row = (d: (typeof defaults)[number]) => rows[d.measure] ?? rowOf(d);
  const change = (d: (typeof defaults)[number], patch: Partial<Row>) => setRows((r) => ({ ...r, [d.measure]: { ...row(d), ...patch } }));

  async function submit() {
    setSaved(false);
    const chosen = defaults!.filter((d) => row(d).on);
    const measures = chosen.map((d): Input<'monitoring.enrol'>['measures'][number] => {
      const r = row(d);
      const bp = d.measure === 'blood_pressure';
      return { measure: d.measure, everyDays: Number(r.everyDays), low: num(r.low), high: num(r.high), ...(bp ? { low2: num(r.low2), high2: num(r.high2) } : {}) };
    });
    const r = await save.submit({ patientId, heightCm: num(height), measures });
    if (!r) return focusFirstInvalid();
    setSaved(true);
    onSaved();
  }

  const fieldError = (i: number, key: string) => save.fieldError(`measures.${i}.${key}`);
  let index = -1;
  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title">{plan ? t('monitoring.plan.editTitle', { name: patientName }) : t('monitoring.plan.enrolTitle', { name: patientName })}</h2>
      <p>{t('monitoring.plan.intro')}</p>
      {save.error && <Notice kind="error">{save.error}{save.fieldError('measures') ? ` ${save.fieldError('measures')}` : ''}</Notice>}
      {saved && <Notice kind="success">{t('monitoring.plan.saved')}</Notice>}
      <Form onSubmit={() => void submit()} label={t('monitoring.plan.save')}>
        <TextField label={t('monitoring.plan.height')} inputMode="decimal" value={height} onChange={setHeight} maxLength={5} hint={t('monitoring.plan.heightHint')} error={save.fieldError('heightCm')} />
        {defaults.map((d) => {
          const r = row(d);
          if (r.on) index++;
          const i = index;
          const name = t(`monitoring.measures.${d.measure}`);
          const unit = STORED_UNIT[d.measure];
          const bp = d.measure === 'blood_pressure';
          return (
            <Fieldset key={d.measure} legend={name}>
              <Checkbox label={t('monitoring.plan.follow', { measure: name })} checked={r.on} onChange={(on) => change(d, { on })} />
              {r.on && (
                <div className="plan-row">
                  <TextField label={t('monitoring.plan.everyDays')} inputMode="numeric" value={r.everyDays} onChange={(v) => change(d, { everyDays: v })} maxLength={3} error={fieldError(i, 'everyDays')} />
                  <TextField label={t(bp ? 'monitoring.plan.lowSystolic' : 'monitoring.plan.low', { unit })} inputMode="decimal" value={r.low} onChange={(v) => change(d, { low: v })} maxLength={6} error={fieldError(i, 'low')} />
                  <TextField label={t(bp ? 'monitoring.plan.highSystolic' : 'monitoring.plan.high', { unit })} inputMode="decimal" value={r.high} onChange={(v) => change(d, { high: v })} maxLength={6} error={fieldError(i, 'high')} />
                  {bp && (
                    <>
                      <TextField label={t('monitoring.plan.lowDiastolic', { unit })} inputMode="decimal" value={r.low2} onChange={(v) => change(d, { low2: v })} maxLength={6} error={fieldError(i, 'low2')} />
                      <TextField label={t('monitoring.plan.highDiastolic', { unit })} inputMode="decimal" value={r.high2} onChange={(v) => change(d, { high2: v })} maxLength={6} error={fieldError(i, 'high2')} />
                    </>
                  )}
                </div>
              )}
              <p className="field__hint">{t('monitoring.plan.source', { source: d.source })}</p>
            </Fieldset>
          );
        })}
        <div className="form__actions">
          <Button type="submit" busy={save.busy}>{plan ? t('monitoring.plan.save') : t('monitoring.plan.enrol')}</Button>
        </div>
      </Form>
    </section>
  );
}
