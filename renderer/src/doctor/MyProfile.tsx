import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnDoctorProfile } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Checkbox, TextArea, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Fieldset, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { PhotoPicker } from './PhotoPicker';

interface Draft {
  bio: string;
  /** Comma-separated, as typed. */
  languages: string;
  showEmail: boolean;
  showPhone: boolean;
}

const draftOf = (p: OwnDoctorProfile): Draft => ({ bio: p.bio ?? '', languages: p.languages.join(', '), showEmail: p.showEmail, showPhone: p.showPhone });
const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** A doctor's own profile: photo, introduction, languages and which contact details patients see. */
export function MyProfile() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error } = useLoad(invoke, 'doctors.myProfile', {});
  const [profile, setProfile] = useState<OwnDoctorProfile | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const [verified, setVerified] = useState(true);
  const { submit, busy, error: formError, fieldError } = useSubmit(invoke, 'doctors.updateProfile');

  useEffect(() => {
    if (data) {
      setProfile(data);
      setDraft(draftOf(data));
    }
  }, [data]);
  useEffect(() => {
    void invoke('doctors.me', {}).then((r) => r.ok && setVerified(r.data.status === 'verified'));
  }, [invoke]);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!profile || !draft) return <Loading />;
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };

  async function save() {
    const r = await submit({ bio: draft!.bio, languages: splitList(draft!.languages), showEmail: draft!.showEmail, showPhone: draft!.showPhone });
    if (!r) return focusFirstInvalid();
    setProfile(r);
    setDraft(draftOf(r));
    setSaved(true);
  }

  return (
    <Page title={t('profile.title')}>
      <p className="lead">{t('profile.intro')}</p>
      {profile.suspended && (
        <div className="reason" role="note" aria-labelledby="suspended-heading">
          <h2 id="suspended-heading">{t('profile.suspended')}</h2>
          <p className="details__text">{t('profile.suspendedReason', { reason: profile.suspended.reason })}</p>
        </div>
      )}
      {!verified && !profile.suspended && <Notice kind="info">{t('profile.notYetShown')}</Notice>}
      <PhotoPicker profile={profile} onChanged={setProfile} />
      {saved && <Notice kind="success">{t('profile.saved')}</Notice>}
      {formError && <Notice kind="error">{formError}</Notice>}
      <Form onSubmit={() => void save()} label={t('profile.about')}>
        <Fieldset legend={t('profile.about')}>
          <TextArea label={t('profile.bio')} hint={t('profile.bioHint')} value={draft.bio} onChange={set('bio')} rows={4} maxLength={2000} error={fieldError('bio')} />
          <TextField label={t('profile.languages')} hint={t('profile.languagesHint')} value={draft.languages} onChange={set('languages')} required maxLength={500} error={fieldError('languages') ?? fieldError('languages.0')} />
        </Fieldset>
        <Fieldset legend={t('profile.contact')}>
          <p className="fieldset__intro">{t('profile.contactHint')}</p>
          <Checkbox label={t('profile.showEmail', { email: profile.email })} checked={draft.showEmail} onChange={set('showEmail')} />
          <Checkbox label={t('profile.showPhone', { phone: profile.phone })} checked={draft.showPhone} onChange={set('showPhone')} />
        </Fieldset>
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('profile.save')}</Button>
        </div>
      </Form>
    </Page>
  );
}
