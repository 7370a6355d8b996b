import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_KINDS, type HealthService } from '../../../shared/contract';
import { BILL_CATEGORIES } from '../../../shared/gst';
import { rupees, rupeesInput, toPaise } from '../billing/labels';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { Checkbox, SelectField, TextArea, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';

interface Draft {
  id?: number;
  kind: string;
  name: string;
  description: string;
  price: string;
  category: string;
  active: boolean;
}
const EMPTY: Draft = { kind: 'lab_test', name: '', description: '', price: '', category: 'lab_test', active: true };
const draftOf = (s: HealthService): Draft => ({ ...s, price: rupeesInput(s.pricePaise) });

/** The administrator's catalogue of services the clinic sells on its own; a service is retired, never deleted. */
export function ServicesCatalogue() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const list = useLoad(invoke, 'healthServices.all', {});
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'healthServices.save');
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function save() {
    setNotice(null);
    const r = await submit({
      ...(draft.id ? { id: draft.id } : {}), kind: draft.kind as HealthService['kind'], name: draft.name, description: draft.description,
      pricePaise: toPaise(draft.price), category: draft.category as HealthService['category'], active: draft.active,
    });
    if (!r) return focusFirstInvalid();
    setNotice(t(draft.id ? 'services.admin.updated' : 'services.admin.added', { name: r.name }));
    setDraft(EMPTY);
    await list.reload();
  }

  function edit(s: HealthService) {
    setNotice(null);
    setDraft(draftOf(s));
    requestAnimationFrame(() => document.getElementById('service-form')?.focus());
  }

  return (
    <Page title={t('services.admin.title')}>
      <p className="lead">{t('services.admin.intro')}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <DataTable
        caption={t('services.admin.caption')} rows={list.data} error={list.error} rowKey={(s) => s.id} empty={t('services.admin.empty')}
        rowClassName={(s) => (s.active ? undefined : 'muted')}
        columns={[
          { header: t('services.columns.name'), cell: (s) => <><strong>{s.name}</strong><div className="muted">{s.description}</div></> },
          { header: t('services.columns.kind'), cell: (s) => t(`services.kinds.${s.kind}`) },
          { header: t('services.columns.price'), cell: (s) => rupees(s.pricePaise), className: 'num nowrap' },
          { header: t('services.columns.category'), cell: (s) => t(`billing.categories.${s.category}`) },
          { header: t('services.columns.active'), cell: (s) => t(s.active ? 'services.admin.offered' : 'services.admin.retired') },
          {
            header: <span className="visually-hidden">{t('services.columns.actions')}</span>, className: 'sched-table__action',
            cell: (s) => (
              <button type="button" className="btn btn--secondary" onClick={() => edit(s)}>
                {t('services.admin.edit')}<span className="visually-hidden"> {s.name}</span>
              </button>
            ),
          },
        ]}
      />
      <h2 id="service-form" tabIndex={-1}>{draft.id ? t('services.admin.editTitle', { name: draft.name }) : t('services.admin.addTitle')}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      <Form label={draft.id ? t('services.admin.editTitle', { name: draft.name }) : t('services.admin.addTitle')} onSubmit={() => void save()}>
        <div className="form__row">
          <TextField label={t('services.admin.name')} hint={t('services.admin.nameHint')} value={draft.name} onChange={set('name')} maxLength={120} required error={fieldError('name')} />
          <SelectField
            label={t('services.admin.kind')} value={draft.kind} onChange={set('kind')} error={fieldError('kind')}
            options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`services.kinds.${k}`) }))}
          />
        </div>
        <TextArea label={t('services.admin.description')} value={draft.description} onChange={set('description')} maxLength={1000} required error={fieldError('description')} />
        <div className="form__row">
          <TextField label={t('services.admin.price')} inputMode="decimal" value={draft.price} onChange={set('price')} maxLength={16} required error={fieldError('pricePaise')} />
          <SelectField
            label={t('services.admin.category')} hint={t('services.admin.categoryHint')} value={draft.category} onChange={set('category')} error={fieldError('category')}
            options={BILL_CATEGORIES.map((c) => ({ value: c, label: t(`billing.categories.${c}`) }))}
          />
        </div>
        <Checkbox label={t('services.admin.active')} checked={draft.active} onChange={set('active')} />
        <div className="form__actions">
          {draft.id && <Button kind="secondary" onClick={() => setDraft(EMPTY)}>{t('services.admin.cancelEdit')}</Button>}
          <Button type="submit" busy={busy}>{t(draft.id ? 'services.admin.saveChanges' : 'services.admin.add')}</Button>
        </div>
      </Form>
    </Page>
  );
}
