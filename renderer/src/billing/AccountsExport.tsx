import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { download } from '../ui/files';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

/** The administrator's CSV for the accountant: bills and credit notes of a date range, and a GST summary per rate. */
export function AccountsExport() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { today } = useDates();
  const [from, setFrom] = useState(() => `${today().slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [done, setDone] = useState<string | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'bills.export');

  async function run() {
    setDone(null);
    const r = await submit({ from, to });
    if (!r) return focusFirstInvalid();
    // A byte-order mark, so spreadsheet programs read names with accents as UTF-8.
    download(new Blob([`\ufeff${r.csv}`], { type: 'text/csv;charset=utf-8' }), r.filename);
    setDone(t('billing.export.done', { filename: r.filename, bills: r.bills, notes: r.creditNotes }));
  }

  return (
    <Page title={t('billing.export.title')}>
      <p className="lead">{t('billing.export.intro')}</p>
      {done && <Notice kind="success">{done}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <Form label={t('billing.export.title')} onSubmit={() => void run()}>
        <div className="form__row">
          <TextField label={t('billing.export.from')} type="date" value={from} onChange={setFrom} required error={fieldError('from')} />
          <TextField label={t('billing.export.to')} type="date" value={to} onChange={setTo} required error={fieldError('to')} />
        </div>
        <p className="form__note">{t('billing.export.note')}</p>
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('billing.export.download')}</Button>
        </div>
      </Form>
    </Page>
  );
}
