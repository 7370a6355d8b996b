import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { Button, Form, Notice } from '../ui/Layout';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useSubmit } from '../ui/useSubmit';
import { TemporaryPassword } from './TemporaryPassword';

const empty = { fullName: '', email: '', phone: '' };

/** A new front-desk account; its temporary password is shown here once and never again. */
export function AddStaff({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [form, setForm] = useState(empty);
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'admin.createStaff');
  const set = (key: keyof typeof empty) => (v: string) => setForm({ ...form, [key]: v });

  async function add() {
    const r = await submit(form);
    if (!r) return focusFirstInvalid();
    setCreated({ name: r.fullName, password: r.temporaryPassword });
    setForm(empty);
    onAdded();
  }

  return (
    <section aria-labelledby="add-staff">
      <h2 id="add-staff">{t('admin.staff.addTitle')}</h2>
      {created && (
        <TemporaryPassword password={created.password} message={t('admin.staff.added', { name: created.name })} onDone={() => setCreated(null)} />
      )}
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={add} label={t('admin.staff.addTitle')}>
        <div className="form__row">
          <TextField label={t('fields.fullName')} value={form.fullName} onChange={set('fullName')} autoComplete="off" required maxLength={100} error={fieldError('fullName')} />
          <TextField label={t('fields.email')} type="email" value={form.email} onChange={set('email')} autoComplete="off" required maxLength={254} error={fieldError('email')} />
          <TextField label={t('fields.phone')} type="tel" inputMode="tel" value={form.phone} onChange={set('phone')} autoComplete="off" required maxLength={20} error={fieldError('phone')} />
        </div>
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('admin.staff.add')}</Button>
        </div>
      </Form>
    </section>
  );
}
