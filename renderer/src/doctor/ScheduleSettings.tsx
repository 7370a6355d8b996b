import { useTranslation } from 'react-i18next';
import type { AvailabilityView } from '../../../shared/contract';
import { SelectField, TextField } from '../ui/Field';

export const SLOT_LENGTHS = [5, 10, 15, 20, 30, 45, 60] as const;

/** The settings as typed: numbers stay text until saved, so a half-typed value is not lost. */
export interface SettingsDraft {
  slotMinutes: string;
  bufferMinutes: string;
  notice: string;
  noticeUnit: 'hours' | 'minutes';
  horizonDays: string;
}

type Settings = AvailabilityView['settings'];

export function settingsDraft(s: Settings): SettingsDraft {
  const inHours = s.minNoticeMinutes % 60 === 0;
  return {
    slotMinutes: String(s.slotMinutes),
    bufferMinutes: String(s.bufferMinutes),
    notice: String(inHours ? s.minNoticeMinutes / 60 : s.minNoticeMinutes),
    noticeUnit: inHours ? 'hours' : 'minutes',
    horizonDays: String(s.horizonDays),
  };
}

/** Empty or non-numeric text becomes NaN, which the schema refuses with the field's own message. */
const num = (text: string) => (text.trim() === '' ? NaN : Number(text));

export function settingsInput(d: SettingsDraft): Settings {
  const notice = num(d.notice);
  return {
    slotMinutes: num(d.slotMinutes),
    bufferMinutes: num(d.bufferMinutes),
    minNoticeMinutes: d.noticeUnit === 'hours' ? Math.round(notice * 60) : notice,
    horizonDays: num(d.horizonDays),
  };
}

export function ScheduleSettings({ value, onChange, fieldError }: {
  value: SettingsDraft;
  onChange: (value: SettingsDraft) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof SettingsDraft>(key: K, v: SettingsDraft[K]) => onChange({ ...value, [key]: v });
  // The API's message speaks of minutes; when the doctor typed hours, say it in hours.
  const noticeError = fieldError('settings.minNoticeMinutes') && t(`availability.settings.noticeInvalid.${value.noticeUnit}`);
  // The number settings, kept as typed.
  const whole = (key: 'bufferMinutes' | 'notice' | 'horizonDays', label: string, hint: string, error: string | undefined) => (
    <TextField label={label} hint={hint} type="number" inputMode="numeric" value={value[key]} onChange={(v) => set(key, v)} error={error} />
  );

  return (
    <div className="form__row sched-settings">
      <SelectField
        label={t('availability.settings.slot')}
        value={value.slotMinutes}
        onChange={(v) => set('slotMinutes', v)}
        options={SLOT_LENGTHS.map((n) => ({ value: String(n), label: t('availability.settings.minutes', { count: n }) }))}
        error={fieldError('settings.slotMinutes')}
      />
      {whole('bufferMinutes', t('availability.settings.buffer'), t('availability.settings.bufferHint'), fieldError('settings.bufferMinutes'))}
      <div className="sched-notice">
        {whole('notice', t('availability.settings.notice'), t('availability.settings.noticeHint'), noticeError || undefined)}
        <SelectField
          label={t('availability.settings.noticeUnit')}
          value={value.noticeUnit}
          onChange={(v) => set('noticeUnit', v === 'minutes' ? 'minutes' : 'hours')}
          options={[
            { value: 'hours', label: t('availability.settings.unit.hours') },
            { value: 'minutes', label: t('availability.settings.unit.minutes') },
          ]}
        />
      </div>
      {whole('horizonDays', t('availability.settings.horizon'), t('availability.settings.horizonHint'), fieldError('settings.horizonDays'))}
    </div>
  );
}
