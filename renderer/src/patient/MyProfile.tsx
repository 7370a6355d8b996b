import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Button, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { EditProfile } from './EditProfile';
import { ExportData } from './ExportData';
import { ProfileAppointments, ProfileDocuments } from './ProfileSections';
import { PatientDetails } from './PatientDetails';

/**
 * The signed-in patient's own record, with a switch to edit it, and beside it what the clinic holds for them:
 * their appointments and their documents (each section opens its own page).
 */
export function MyProfile({ onOpen }: { onOpen: (view: 'appointments' | 'records') => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error } = useLoad(invoke, 'patients.me', {});
  const [saved, setSaved] = useState<PatientView | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const [editing, setEditing] = useState(false);
  const wasEditing = useRef(false);
  const patient = saved ?? data;

  // Back from the form (saved or cancelled): focus the heading rather than losing focus to the page.
  useEffect(() => {
    if (!editing && wasEditing.current) document.getElementById('page-title')?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (editing && patient) {
    return (
      <EditProfile
        patient={patient}
        onSaved={(p) => {
          setSaved(p);
          setJustSaved(true);
          setEditing(false);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }

  const edit = () => {
    setJustSaved(false);
    setEditing(true);
  };

  return (
    <Page title={t('patient.profile.title')} actions={patient && <Button onClick={edit}>{t('patient.profile.edit')}</Button>}>
      {justSaved && <Notice kind="success">{t('patient.profile.saved')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {!patient && !error && <Loading />}
      {patient && (
        <div className="card">
          <PatientDetails patient={patient} />
        </div>
      )}
      <ProfileAppointments onOpen={() => onOpen('appointments')} />
      <ProfileDocuments onOpen={() => onOpen('records')} />
      {patient && <ExportData patientId={patient.id} />}
    </Page>
  );
}
