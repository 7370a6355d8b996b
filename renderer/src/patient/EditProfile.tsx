import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { PatientProfileFields } from './PatientProfileFields';
import { formFromPatient, profileFromForm } from './profileForm';

/** The patient's own profile as a form; the email address (the sign-in name) is shown, not editable. */
export function EditProfile({ patient, onSaved, onCancel }: { patient: PatientView; onSaved: (p: PatientView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [form, setForm] = useState(() => formFromPatient(patient));
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'patients.updateMe');

  async function save() {
    const result = await submit(profileFromForm({ ...form, email: patient.email ?? '' }));
    if (result) onSaved(result);
    else focusFirstInvalid();
  }

  return (
    <Page title={t('patient.profile.editTitle')}>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={save} label={t('patient.profile.editTitle')}>
        <PatientProfileFields value={form} onChange={setForm} fieldError={fieldError} pathPrefix="" emailReadOnly />
        <div className="form__actions">
          <Button kind="secondary" onClick={onCancel}>{t('patient.profile.cancel')}</Button>
          <Button type="submit" busy={busy}>{t('patient.profile.save')}</Button>
        </div>
      </Form>
    </Page>
  );
}
