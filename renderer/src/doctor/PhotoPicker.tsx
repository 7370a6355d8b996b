import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_MAX_BYTES, type OwnDoctorProfile } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { initials } from '../booking/labels';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { Button, Notice } from '../ui/Layout';

/** The file's bytes as base64 (no data: prefix); read here, in the screen, and checked again by the server. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

/** The doctor's photo: a preview, a file chooser (JPEG or PNG, at most 2 MB) and a way to remove it. */
export function PhotoPicker({ profile, onChanged }: { profile: OwnDoctorProfile; onChanged: (p: OwnDoctorProfile) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  /** A refusal about the file in the words of this screen; anything else as the app says it. */
  const explain = (e: AppError) => {
    const key = e.fields?.base64;
    return key ? t(`profile.photo.errors.${key}`, { defaultValue: errorText(t, e) }) : errorText(t, e);
  };

  async function choose(file: File | undefined) {
    setProblem(null);
    setDone(null);
    if (!file) return;
    // Said at once, without sending 2 MB for nothing; the server checks the size and the type anyway.
    if (file.size > PHOTO_MAX_BYTES) return setProblem(t('profile.photo.errors.photo_too_large'));
    if (file.size === 0) return setProblem(t('profile.photo.errors.photo_required'));
    setBusy(true);
    try {
      const r = await invoke('doctors.uploadPhoto', { base64: await readBase64(file) });
      if (r.ok) {
        onChanged(r.data);
        setDone(t('profile.photo.saved'));
      } else {
        setProblem(explain(r.error));
      }
    } catch {
      setProblem(t('profile.photo.errors.photo_unreadable'));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  async function remove() {
    setProblem(null);
    setDone(null);
    setBusy(true);
    const r = await invoke('doctors.removePhoto', {});
    setBusy(false);
    if (!r.ok) return setProblem(errorText(t, r.error));
    onChanged(r.data);
    setDone(t('profile.photo.removed'));
    requestAnimationFrame(() => input.current?.focus());
  }

  return (
    <section className="card photo-picker" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('profile.photo.heading')}</h2>
      <div className="photo-picker__body">
        {profile.photo ? (
          <img className="doctor-photo doctor-photo--large" src={profile.photo} alt={t('profile.photo.alt')} />
        ) : (
          <span className="doctor-photo doctor-photo--large doctor-photo--initials" aria-hidden="true">{initials(profile.fullName)}</span>
        )}
        <div className="photo-picker__controls">
          {!profile.photo && <p className="muted photo-picker__none">{t('profile.photo.none')}</p>}
          <div className={`field${problem ? ' field--invalid' : ''}`}>
            <label htmlFor={`${id}-file`}>{t(profile.photo ? 'profile.photo.replace' : 'profile.photo.choose')}</label>
            <input
              ref={input}
              id={`${id}-file`}
              type="file"
              accept="image/jpeg,image/png"
              disabled={busy}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-error` : `${id}-hint`}
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            {problem ? <p className="field__error" id={`${id}-error`}>{problem}</p> : <p className="field__hint" id={`${id}-hint`}>{t('profile.photo.hint')}</p>}
          </div>
          {profile.photo && (
            <div>
              <Button kind="secondary" onClick={() => void remove()} disabled={busy}>{t('profile.photo.remove')}</Button>
            </div>
          )}
        </div>
      </div>
      {busy && <p className="muted" role="status">{t('profile.photo.uploading')}</p>}
      {done && <Notice kind="success">{done}</Notice>}
    </section>
  );
}
