import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { useSession } from '../session/session';
import { BackupSetDetails, BackupSetTable, useSize, type BackupSet } from './BackupSetList';
import { DataTable } from '../ui/DataTable';
import { Dialog } from '../ui/Dialog';
import { SelectField, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';

type Status = Output<'backup.status'>;

/** Every half hour of the day, for the daily backup's time. */
const TIMES = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

/** The administrator's backups: the folder and daily time, "Back up now" with its progress, the history, and restoring a set. */
export function Backups() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const status = useLoad(invoke, 'backup.status', {});
  const s = status.data;
  // While a backup runs the screen follows it; a second is fine-grained enough for a progress bar.
  useEffect(() => {
    if (!s?.running) return;
    const timer = setTimeout(() => void status.reload(), 1000);
    return () => clearTimeout(timer);
  }, [s, status]);

  return (
    <Page title={t('backup.title')}>
      <p className="lead">{t('backup.intro')}</p>
      {status.error && <Notice kind="error">{status.error}</Notice>}
      {!s && !status.error && <Loading />}
      {s?.database === 'server' && <Notice kind="info">{t('backup.server')}</Notice>}
      {s && (
        <>
          <LastGood status={s} />
          <BackUpNow status={s} onStarted={() => void status.reload()} />
          <FolderSettings status={s} onSaved={() => void status.reload()} />
          <History status={s} />
          {s.folder && s.database === 'this_computer' && <RestoreSets key={s.history[0]?.id ?? 0} />}
        </>
      )}
    </Page>
  );
}

function LastGood({ status }: { status: Status }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const size = useSize();
  const good = status.history.find((h) => h.problem === null);
  return (
    <section className="card" aria-labelledby="backup-last">
      <h2 id="backup-last">{t('backup.last.title')}</h2>
      {good ? (
        <dl className="details">
          <dt>{t('backup.last.when')}</dt>
          <dd>{dateTime(good.startedAt)}</dd>
          <dt>{t('backup.last.size')}</dt>
          <dd>{size(good.bytes ?? 0)}</dd>
          <dt>{t('backup.last.where')}</dt>
          <dd><code>{`${good.folder}/${good.setName}`}</code></dd>
        </dl>
      ) : (
        <p>{t('backup.last.none')}</p>
      )}
    </section>
  );
}

function BackUpNow({ status, onStarted }: { status: Status; onStarted: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { submit, busy, error } = useSubmit(invoke, 'backup.start');
  const running = status.running;
  const latest = status.history[0];
  const [asked, setAsked] = useState(false);
  return (
    <section className="card" aria-labelledby="backup-now">
      <h2 id="backup-now">{t('backup.now.title')}</h2>
      {!status.folder && <p>{t('backup.now.chooseFirst')}</p>}
      {error && <Notice kind="error">{error}</Notice>}
      {running ? (
        <div role="status">
          <p>{t(`backup.now.phase.${running.phase}`, { done: running.done ?? 0, total: running.total ?? 0 })}</p>
          <progress aria-label={t('backup.now.progress')} max={running.total ?? 1} value={running.phase === 'files' ? running.done : undefined} />
        </div>
      ) : (
        <>
          {asked && latest && (
            <Notice kind={latest.problem ? 'error' : 'success'}>
              {latest.problem ? t(`backup.problem.${latest.problem}`) : t('backup.now.done')}
            </Notice>
          )}
          <Button
            disabled={!status.folder}
            busy={busy}
            onClick={() =>
              void submit({}).then((r) => {
                if (!r) return;
                setAsked(true);
                onStarted();
              })
            }
          >
            {t('backup.now.button')}
          </Button>
        </>
      )}
    </section>
  );
}

function FolderSettings({ status, onSaved }: { status: Status; onSaved: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { clock } = useDates();
  const [folder, setFolder] = useState(status.folder ?? '');
  const [time, setTime] = useState(status.time);
  const [saved, setSaved] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'backup.saveSettings');
  return (
    <section className="card" aria-labelledby="backup-settings">
      <h2 id="backup-settings">{t('backup.settings.title')}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {saved && <Notice kind="success">{t('backup.settings.saved')}</Notice>}
      <Form
        label={t('backup.settings.title')}
        onSubmit={() =>
          void submit({ folder, time }).then((r) => {
            setSaved(!!r);
            if (r) onSaved();
            else focusFirstInvalid();
          })
        }
      >
        <TextField label={t('backup.settings.folder')} hint={t('backup.settings.folderHint')} value={folder} onChange={setFolder} required maxLength={1000} error={fieldError('folder')} />
        <SelectField label={t('backup.settings.time')} hint={t('backup.settings.timeHint')} value={time} onChange={setTime} options={TIMES.map((v) => ({ value: v, label: clock(v) }))} error={fieldError('time')} />
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('backup.settings.save')}</Button>
        </div>
      </Form>
    </section>
  );
}

function History({ status }: { status: Status }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const size = useSize();
  return (
    <section aria-labelledby="backup-history">
      <h2 id="backup-history">{t('backup.history.title')}</h2>
      <DataTable
        caption={t('backup.history.caption')}
        rows={status.history}
        rowKey={(h) => h.id}
        empty={t('backup.history.empty')}
        columns={[
          { header: t('backup.history.when'), cell: (h) => dateTime(h.startedAt), className: 'nowrap' },
          { header: t('backup.history.reason'), cell: (h) => t(`backup.reason.${h.reason}`) },
          { header: t('backup.history.outcome'), cell: (h) => (h.problem ? t(`backup.problem.${h.problem}`) : t('backup.history.good')) },
          { header: t('backup.history.size'), cell: (h) => (h.bytes === null ? '—' : size(h.bytes)), className: 'nowrap' },
        ]}
      />
    </section>
  );
}

/** The sets in the folder; restoring one checks it through first, then MedLink starts again on it. */
function RestoreSets() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const sets = useLoad(invoke, 'backup.sets', {});
  const [chosen, setChosen] = useState<BackupSet | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'backup.restore');
  const [keptAside, setKeptAside] = useState<string | null>(null);

  async function restore(set: BackupSet) {
    const r = await submit({ name: set.name });
    if (!r) return;
    setChosen(null);
    setKeptAside(r.keptAside);
  }

  if (keptAside) {
    return (
      <Notice kind="success">
        <p>{t('backup.restore.started', { folder: keptAside })}</p>
        <Button onClick={() => location.reload()}>{t('backup.restore.signInAgain')}</Button>
      </Notice>
    );
  }
  return (
    <section aria-labelledby="backup-sets">
      <h2 id="backup-sets">{t('backup.restore.title')}</h2>
      <p>{t('backup.restore.intro')}</p>
      <BackupSetTable
        sets={sets.data?.folderProblem ? null : (sets.data?.sets ?? null)}
        unreadable={sets.data?.unreadable}
        error={sets.data?.folderProblem ? t(`backup.problem.${sets.data.folderProblem}`) : sets.error}
        onChoose={setChosen}
      />
      {chosen && (
        <Dialog title={t('backup.restore.confirmTitle')} onClose={() => setChosen(null)}>
          <BackupSetDetails set={chosen} />
          <Notice kind="info">{t('backup.restore.warning')}</Notice>
          {error && <Notice kind="error">{fieldError('name') ?? error}</Notice>}
          <div className="form__actions">
            <Button kind="danger" busy={busy} onClick={() => void restore(chosen)}>{t('backup.restore.confirm')}</Button>
            <Button kind="secondary" onClick={() => setChosen(null)}>{t('backup.restore.cancel')}</Button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
