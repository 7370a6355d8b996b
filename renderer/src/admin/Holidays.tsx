import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Empty, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { DateField } from '../ui/DateField';

/** The clinic's holidays: no doctor is booked on them, whatever their weekly hours. */
export function Holidays() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { longDay, today } = useDates();
  const { data, error, reload } = useLoad(invoke, 'holidays.list', {});
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [showPast, setShowPast] = useState(false);
  const { submit, busy, error: formError, fieldError } = useSubmit(invoke, 'holidays.set');

  const from = today();
  const all = [...(data ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const shown = showPast ? all : all.filter((h) => h.date >= from);
  const past = all.length - all.filter((h) => h.date >= from).length;

  async function add() {
    setNotice(null);
    const replaced = all.find((h) => h.date === date);
    if (!(await submit({ date, name }))) return focusFirstInvalid();
    setNotice({ kind: 'success', text: t(replaced ? 'holidays.renamed' : 'holidays.added', { name: name.trim(), date: longDay(date) }) });
    setDate('');
    setName('');
    await reload();
  }

  async function remove(h: { date: string; name: string }) {
    setNotice(null);
    const r = await invoke('holidays.remove', { date: h.date });
    setNotice(r.ok ? { kind: 'success', text: t('holidays.removed', { name: h.name, date: longDay(h.date) }) } : { kind: 'error', text: errorText(t, r.error) });
    await reload();
    requestAnimationFrame(() => document.getElementById('page-title')?.focus());
  }

  return (
    <Page title={t('holidays.title')}>
      <p className="lead">{t('holidays.intro')}</p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && shown.length === 0 && <Empty>{t('holidays.empty')}</Empty>}
      {shown.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('holidays.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('holidays.date')}</th>
              <th scope="col">{t('holidays.name')}</th>
              <th scope="col"><span className="visually-hidden">{t('holidays.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((h) => (
              <tr key={h.date} className={h.date < from ? 'muted' : undefined}>
                <td className="nowrap">{longDay(h.date)}</td>
                <td>{h.name}</td>
                <td className="sched-table__action">
                  <button type="button" className="btn btn--secondary" onClick={() => void remove(h)}>
                    {t('holidays.remove')}
                    <span className="visually-hidden"> {h.name}, {longDay(h.date)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {past > 0 && (
        <p>
          <button type="button" className="btn btn--link" aria-pressed={showPast} onClick={() => setShowPast(!showPast)}>
            {showPast ? t('holidays.hidePast') : t('holidays.showPast', { count: past })}
          </button>
        </p>
      )}
      <h2>{t('holidays.add')}</h2>
      {formError && <Notice kind="error">{formError}</Notice>}
      <Form onSubmit={() => void add()} label={t('holidays.add')}>
        <div className="form__row">
          <DateField label={t('holidays.date')} value={date} onChange={setDate} error={fieldError('date')} required />
          <TextField label={t('holidays.name')} hint={t('holidays.nameHint')} value={name} onChange={setName} maxLength={100} error={fieldError('name')} required />
        </div>
        <p className="form__note">{t('holidays.note')}</p>
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('holidays.submit')}</Button>
        </div>
      </Form>
    </Page>
  );
}
