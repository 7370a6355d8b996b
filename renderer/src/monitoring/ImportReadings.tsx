import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { IMPORT_MAX_CHARS, IMPORT_TEMPLATE } from '../../../shared/monitoring';
import { useSession } from '../session/session';
import { FileButton } from '../ui/FileButton';
import { download } from '../ui/files';
import { Button, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

/**
 * A month of readings at once from a CSV file in the template (downloadable here). The server checks every line;
 * when some are bad, nothing is imported and each is named, and the patient may then import the good lines only.
 */
export function ImportReadings({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const save = useSubmit(invoke, 'readings.import');
  const [file, setFile] = useState<{ csv: string; name: string } | null>(null);
  const [answer, setAnswer] = useState<Output<'readings.import'> | null>(null);

  async function send(csv: string, goodLinesOnly: boolean) {
    setAnswer(null);
    const r = await save.submit({ csv, goodLinesOnly });
    if (!r) return;
    setAnswer(r);
    if (r.imported > 0) onImported();
  }

  const bad = answer && answer.problemCount > 0 && answer.imported === 0 ? answer : null;
  const good = bad ? bad.lines - bad.problemCount : 0;
  const refusal = save.fieldError('file') ?? save.fieldError('csv') ?? save.error;

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">{t('monitoring.import.title')}</h2>
      <p>{t('monitoring.import.intro')}</p>
      <div className="form__actions">
        <Button kind="secondary" onClick={() => download(new Blob([IMPORT_TEMPLATE], { type: 'text/csv;charset=utf-8' }), 'medlink-readings-template.csv')}>
          {t('monitoring.import.template')}
        </Button>
        <FileButton
          label={t('monitoring.import.choose')}
          accept=".csv,text/csv"
          // One character more than allowed, so a file too large is refused rather than cut short.
          maxChars={IMPORT_MAX_CHARS + 1}
          onText={(csv, name) => {
            setFile({ csv, name });
            void send(csv, false);
          }}
        />
      </div>
      {file && refusal && <Notice kind="error">{t('monitoring.import.refused', { name: file.name })} {refusal}</Notice>}
      {answer && answer.imported > 0 && (
        <Notice kind={answer.alertsRaised ? 'info' : 'success'}>
          {t('monitoring.import.done', { count: answer.imported, name: file?.name })}
          {answer.problemCount > 0 && ` ${t('monitoring.import.skipped', { count: answer.problemCount })}`}
          {answer.alertsRaised > 0 && ` ${t('monitoring.import.alerts')}`}
        </Notice>
      )}
      {answer && answer.imported === 0 && answer.problemCount === 0 && <Notice kind="info">{t('monitoring.import.empty')}</Notice>}
      {bad && file && (
        <div role="alert" className="notice notice--error import-problems">
          <p>{t('monitoring.import.problems', { count: bad.problemCount, lines: bad.lines, name: file.name })}</p>
          <ul>
            {bad.problems.map((p) => (
              <li key={`${p.line}-${p.key}`}>{t('monitoring.import.line', { line: p.line, problem: t(`validation.${p.key}`) })}</li>
            ))}
          </ul>
          {bad.problemCount > bad.problems.length && <p>{t('monitoring.import.more', { count: bad.problemCount - bad.problems.length })}</p>}
          {good > 0 && (
            <div className="form__actions">
              <Button busy={save.busy} onClick={() => void send(file.csv, true)}>{t('monitoring.import.goodOnly', { count: good })}</Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
