import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { Button, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useSubmit } from '../ui/useSubmit';
import { clinicDraftFrom, clinicInput, type ClinicDraft } from './clinicDraft';
import { ClinicFields } from './ClinicFields';
import { KioskSetting } from './KioskSetting';

const wholeNumber = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/** The clinic's details, how long an unattended screen stays signed in, booking limits, the waitlist's hold and the emergency number. */
export function ClinicSettings() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error: loadError } = useLoad(invoke, 'settings.get', {});
  const [clinic, setClinic] = useState<ClinicDraft | null>(null);
  const [idle, setIdle] = useState('');
  const [cutoff, setCutoff] = useState('');
  const [reminder, setReminder] = useState('');
  const [checkIn, setCheckIn] = useState('');
  const [hold, setHold] = useState('');
  const [uploadLimit, setUploadLimit] = useState('');
  const [emergency, setEmergency] = useState('');
  const [kioskIdle, setKioskIdle] = useState('');
  const [saved, setSaved] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'settings.update');

  useEffect(() => {
    if (!data) return;
    setClinic(clinicDraftFrom(data));
    setIdle(String(data.sessionIdleMinutes));
    setCutoff(String(data.cancelCutoffMinutes / 60));
    setReminder(String(data.reminderHours));
    setCheckIn(String(data.checkInOpensMinutes));
    setHold(String(data.waitlistHoldMinutes));
    setUploadLimit(String(data.uploadLimitMb));
    setEmergency(data.emergencyNumber);
    setKioskIdle(String(data.kioskIdleSeconds));
  }, [data]);

  async function save() {
    if (!clinic) return;
    setSaved(false);
    const r = await submit({
      ...clinicInput(clinic),
      sessionIdleMinutes: wholeNumber(idle),
      // Shown in hours, kept in minutes.
      cancelCutoffMinutes: cutoff.trim() === '' ? NaN : Math.round(Number(cutoff) * 60),
      reminderHours: wholeNumber(reminder),
      checkInOpensMinutes: wholeNumber(checkIn),
      waitlistHoldMinutes: wholeNumber(hold),
      uploadLimitMb: wholeNumber(uploadLimit),
      emergencyNumber: emergency,
      kioskIdleSeconds: wholeNumber(kioskIdle),
    });
    if (!r) return focusFirstInvalid();
    setClinic(clinicDraftFrom(r));
    setIdle(String(r.sessionIdleMinutes));
    setCutoff(String(r.cancelCutoffMinutes / 60));
    setReminder(String(r.reminderHours));
    setCheckIn(String(r.checkInOpensMinutes));
    setHold(String(r.waitlistHoldMinutes));
    setUploadLimit(String(r.uploadLimitMb));
    setEmergency(r.emergencyNumber);
    setKioskIdle(String(r.kioskIdleSeconds));
    setSaved(true);
  }

  return (
    <Page title={t('admin.settings.title')}>
      {loadError && <Notice kind="error">{loadError}</Notice>}
      {!clinic && !loadError && <Loading />}
      {saved && <Notice kind="success">{t('admin.settings.saved')}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {clinic && (
        <Form onSubmit={save} label={t('admin.settings.title')}>
          <ClinicFields value={clinic} onChange={(c) => { setClinic(c); setSaved(false); }} fieldError={fieldError} prefix="" />
          <TextField
            label={t('admin.settings.idleMinutes')} inputMode="numeric" value={idle}
            onChange={(v) => { setIdle(v); setSaved(false); }}
            required maxLength={3} error={fieldError('sessionIdleMinutes')} hint={t('admin.settings.idleHint')}
          />
          <TextField
            label={t('admin.settings.cutoffHours')} inputMode="decimal" value={cutoff}
            onChange={(v) => { setCutoff(v); setSaved(false); }}
            required maxLength={4} error={fieldError('cancelCutoffMinutes')} hint={t('admin.settings.cutoffHint')}
          />
          <TextField
            label={t('admin.settings.reminderHours')} inputMode="numeric" value={reminder}
            onChange={(v) => { setReminder(v); setSaved(false); }}
            required maxLength={3} error={fieldError('reminderHours')} hint={t('admin.settings.reminderHint')}
          />
          <TextField
            label={t('admin.settings.checkInMinutes')} inputMode="numeric" value={checkIn}
            onChange={(v) => { setCheckIn(v); setSaved(false); }}
            required maxLength={3} error={fieldError('checkInOpensMinutes')} hint={t('admin.settings.checkInHint')}
          />
          <TextField
            label={t('admin.settings.holdMinutes')} inputMode="numeric" value={hold}
            onChange={(v) => { setHold(v); setSaved(false); }}
            required maxLength={4} error={fieldError('waitlistHoldMinutes')} hint={t('admin.settings.holdHint')}
          />
          <TextField
            label={t('admin.settings.uploadLimit')} inputMode="numeric" value={uploadLimit}
            onChange={(v) => { setUploadLimit(v); setSaved(false); }}
            required maxLength={3} error={fieldError('uploadLimitMb')} hint={t('admin.settings.uploadLimitHint')}
          />
          <TextField
            label={t('admin.settings.emergencyNumber')} type="tel" inputMode="tel" value={emergency}
            onChange={(v) => { setEmergency(v); setSaved(false); }}
            required maxLength={15} error={fieldError('emergencyNumber')} hint={t('admin.settings.emergencyHint')}
          />
          <TextField
            label={t('admin.settings.kioskIdleSeconds')} inputMode="numeric" value={kioskIdle}
            onChange={(v) => { setKioskIdle(v); setSaved(false); }}
            required maxLength={3} error={fieldError('kioskIdleSeconds')} hint={t('admin.settings.kioskIdleHint')}
          />
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('admin.settings.save')}</Button>
          </div>
        </Form>
      )}
      <KioskSetting />
    </Page>
  );
}
