import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS } from '../../../shared/contract';
import { SelectField, TextField } from '../ui/Field';
import { Button, Form } from '../ui/Layout';
import { DateField } from '../ui/DateField';

export interface AuditFilterDraft {
  action: string;
  actorEmail: string;
  patientId: string;
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilterDraft = { action: '', actorEmail: '', patientId: '', from: '', to: '' };

/** The log's filters, as typed; empty ones are left out of the input. */
export function AuditFilters({
  value, onChange, onApply, onClear, fieldError, busy,
}: {
  value: AuditFilterDraft;
  onChange: (next: AuditFilterDraft) => void;
  onApply: () => void;
  onClear: () => void;
  fieldError: (path: string) => string | undefined;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const set = (key: keyof AuditFilterDraft) => (v: string) => onChange({ ...value, [key]: v });
  const actions = AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`admin.audit.actions.${a}`) }));

  return (
    <Form onSubmit={onApply} label={t('admin.audit.filters')}>
      <div className="form__row">
        <SelectField label={t('admin.audit.action')} value={value.action} onChange={set('action')} options={actions} placeholder={t('admin.audit.allActions')} error={fieldError('action')} />
        <TextField label={t('admin.audit.actorEmail')} type="email" value={value.actorEmail} onChange={set('actorEmail')} autoComplete="off" maxLength={254} error={fieldError('actorEmail')} />
        <TextField label={t('admin.audit.patientNumber')} inputMode="numeric" value={value.patientId} onChange={set('patientId')} autoComplete="off" maxLength={10} error={fieldError('patientId') && t('admin.audit.patientNumberInvalid')} />
      </div>
      <div className="form__row">
        <DateField label={t('admin.audit.from')} value={value.from} onChange={set('from')} error={fieldError('from')} />
        <DateField label={t('admin.audit.to')} value={value.to} onChange={set('to')} error={fieldError('to')} />
      </div>
      <div className="form__actions">
        <Button kind="secondary" onClick={onClear}>{t('admin.audit.clear')}</Button>
        <Button type="submit" busy={busy}>{t('admin.audit.apply')}</Button>
      </div>
    </Form>
  );
}
