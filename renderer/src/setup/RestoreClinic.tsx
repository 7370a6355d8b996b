import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { BackupSetDetails, BackupSetTable, type BackupSet } from '../admin/BackupSetList';
import { publicInvoke } from '../session/session';
import { errorText } from '../ui/errors';
import { TextArea, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

type Found = Output<'backup.findSets'>;

/**
 * First run: the clinic taken from a backup set instead of set up anew. The administrator names the backup
 * folder (or one set's folder), chooses a set by what it holds, and types the clinic's recovery code, which this
 * computer does not hold yet. The set is checked through before anything changes; MedLink then starts on it.
 */
export function RestoreClinic({ onRestored, onBack }: { onRestored: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [chosen, setChosen] = useState<BackupSet | null>(null);
  const find = useSubmit(publicInvoke, 'backup.findSets');

  async function look() {
    setChosen(null);
    const r = await find.submit({ path });
    setFound(r);
    if (!r) focusFirstInvalid();
  }

  return (
    <main className="main main--wide">
      <Page title={t('backup.firstRun.title')}>
        <p className="lead">{t('backup.firstRun.intro')}</p>
        {find.error && <Notice kind="error">{find.error}</Notice>}
        <Form onSubmit={() => void look()} label={t('backup.firstRun.title')}>
          <TextField label={t('backup.firstRun.path')} hint={t('backup.firstRun.pathHint')} value={path} onChange={setPath} required maxLength={1000} autoFocus error={find.fieldError('path')} />
          <div className="form__actions">
            <Button kind="secondary" onClick={onBack}>{t('app.back')}</Button>
            <Button type="submit" busy={find.busy}>{t('backup.firstRun.look')}</Button>
          </div>
        </Form>
        {found && (
          <section aria-labelledby="first-run-sets">
            <h2 id="first-run-sets">{t('backup.firstRun.sets', { folder: found.folder })}</h2>
            <BackupSetTable sets={found.sets} unreadable={found.unreadable} onChoose={setChosen} />
          </section>
        )}
        {found && chosen && <RestoreSet key={chosen.name} folder={found.folder} set={chosen} onRestored={onRestored} />}
      </Page>
    </main>
  );
}

/** The chosen set, the recovery code, and the restore; a refusal says what is wrong, and nothing has changed. */
function RestoreSet({ folder, set, onRestored }: { folder: string; set: BackupSet; onRestored: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function restore() {
    setBusy(true);
    setProblem(null);
    setCodeProblem(null);
    const r = await publicInvoke('backup.restoreNew', { folder, name: set.name, recoveryCode: code });
    setBusy(false);
    if (r.ok) return onRestored();
    const { recoveryCode, path } = r.error.fields ?? {};
    if (recoveryCode) {
      setCodeProblem(t(`clinicKey.errors.${recoveryCode}`, { defaultValue: errorText(t, r.error) }));
      focusFirstInvalid();
    } else {
      setProblem(path ? t(`validation.${path}`, { defaultValue: errorText(t, r.error) }) : errorText(t, r.error));
    }
  }

  return (
    <section className="card" aria-labelledby="first-run-chosen">
      <h2 id="first-run-chosen">{t('backup.firstRun.chosen')}</h2>
      <BackupSetDetails set={set} />
      {problem && <Notice kind="error">{problem}</Notice>}
      <Form onSubmit={() => void restore()} label={t('backup.firstRun.chosen')}>
        <TextArea
          label={t('clinicKey.enrol.code')}
          hint={t('backup.firstRun.codeHint')}
          value={code}
          onChange={(v) => {
            setCode(v);
            setCodeProblem(null);
          }}
          rows={3}
          maxLength={200}
          error={codeProblem ?? undefined}
        />
        {busy && <Notice kind="info">{t('backup.firstRun.checking')}</Notice>}
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('backup.restore.confirm')}</Button>
        </div>
      </Form>
    </section>
  );
}
