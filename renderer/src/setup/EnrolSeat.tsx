import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publicInvoke } from '../session/session';
import { errorText } from '../ui/errors';
import { TextArea } from '../ui/Field';
import { FileButton } from '../ui/FileButton';
import { Button, Form, Notice, Page } from '../ui/Layout';

/** The key file the Clinic key page saves holds the code on a line of its own; a bare code works too. */
function codeInFile(text: string): string | null {
  const line = /Recovery code:\s*([A-Za-z0-9 -]+)/i.exec(text)?.[1] ?? text;
  const code = line.replace(/[\s-]/g, '');
  return /^[A-Za-z0-9]{56}$/.test(code) ? line.trim() : null;
}

/** A computer on the clinic's database that does not hold the clinic key yet: the administrator enrols it here. */
export function EnrolSeat({ onEnrolled }: { onEnrolled: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [fromFile, setFromFile] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function readFile(text: string, name: string) {
    const found = codeInFile(text);
    setFromFile(found ? t('clinicKey.enrol.fileRead', { name }) : null);
    setProblem(found ? null : t('clinicKey.enrol.fileNoCode', { name }));
    if (found) setCode(found);
  }

  async function enrol() {
    setBusy(true);
    const r = await publicInvoke('clinicKey.enrol', { recoveryCode: code });
    setBusy(false);
    if (r.ok) return onEnrolled();
    const key = r.error.fields?.recoveryCode;
    setProblem(key ? t(`clinicKey.errors.${key}`, { defaultValue: errorText(t, r.error) }) : errorText(t, r.error));
  }

  return (
    <main className="main main--narrow">
      <Page title={t('clinicKey.enrol.title')}>
        <p className="lead">{t('clinicKey.enrol.intro')}</p>
        <p>{t('clinicKey.enrol.where')}</p>
        {fromFile && !problem && <Notice kind="info">{fromFile}</Notice>}
        <Form onSubmit={() => void enrol()} label={t('clinicKey.enrol.title')}>
          <TextArea
            label={t('clinicKey.enrol.code')}
            hint={t('clinicKey.enrol.hint')}
            value={code}
            onChange={(v) => {
              setCode(v);
              setProblem(null);
              setFromFile(null);
            }}
            rows={2}
            maxLength={200}
            error={problem ?? undefined}
          />
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('clinicKey.enrol.submit')}</Button>
            <FileButton label={t('clinicKey.enrol.openFile')} accept=".txt,text/plain" maxChars={4096} onText={readFile} />
          </div>
        </Form>
      </Page>
    </main>
  );
}
