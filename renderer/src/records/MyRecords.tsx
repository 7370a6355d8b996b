import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, RecordView } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { RECORD_CATEGORIES, type RecordCategory } from '../../../shared/records';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { errorText } from '../ui/errors';
import { DateField } from '../ui/DateField';
import { SelectField } from '../ui/Field';
import { FilePreview } from '../ui/FilePreview';
import { saveCopy } from '../ui/files';
import { useDates } from '../ui/format';
import { Button, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { AccessList } from './AccessList';
import { RecordTable } from './RecordTable';
import { ShareRecord } from './ShareRecord';
import { UploadRecords } from './UploadRecords';

/** The patient's records: add them, find them, look at them, share them with a doctor, delete and restore them. */
export function MyRecords() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const [filter, setFilter] = useState<Input<'records.mine'>>({});
  const records = useLoad(invoke, 'records.mine', filter);
  const trash = useLoad(invoke, 'records.trash', {});
  const doctors = useLoad(invoke, 'doctors.directory', {});
  const [previewing, setPreviewing] = useState<RecordView | null>(null);
  const [sharing, setSharing] = useState<RecordView | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const reload = async () => {
    await Promise.all([records.reload(), trash.reload()]);
  };
  const set = (key: keyof Input<'records.mine'>, value: string) =>
    setFilter((f) => ({ ...f, [key]: value === '' ? undefined : key === 'doctorId' ? Number(value) : value }));

  async function act(done: Promise<Result<unknown>>, success: string) {
    const r = await done;
    setNotice(r.ok ? { kind: 'success', text: success } : { kind: 'error', text: errorText(t, r.error) });
    await reload();
  }

  async function save(r: RecordView) {
    const file = await invoke('records.file', { recordId: r.id });
    if (file.ok) saveCopy(file.data);
    else setNotice({ kind: 'error', text: errorText(t, file.error) });
  }

  return (
    <Page title={t('records.title')}>
      <UploadRecords doctors={doctors.data ?? []} onKept={() => void reload()} />
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}

      <section aria-labelledby="records-list">
        <h2 id="records-list">{t('records.list')}</h2>
        <div className="filters" role="group" aria-label={t('records.filters')}>
          <SelectField
            label={t('records.category')}
            value={filter.category ?? ''}
            onChange={(v) => set('category', v)}
            options={RECORD_CATEGORIES.map((c) => ({ value: c, label: t(`records.categories.${c}`) }))}
            placeholder={t('records.anyCategory')}
          />
          <DateField label={t('records.from')} value={filter.from ?? ''} onChange={(v) => set('from', /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '')} />
          <DateField label={t('records.to')} value={filter.to ?? ''} onChange={(v) => set('to', /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '')} />
          <SelectField
            label={t('records.sharedWithDoctor')}
            value={filter.doctorId ? String(filter.doctorId) : ''}
            onChange={(v) => set('doctorId', v)}
            options={(doctors.data ?? []).map((d) => ({ value: String(d.id), label: d.fullName }))}
            placeholder={t('records.anyDoctor')}
          />
        </div>
        <RecordTable
          rows={records.data}
          error={records.error}
          empty={Object.values(filter).some(Boolean) ? t('records.noneMatch') : t('records.none')}
          showShares
          onPreview={setPreviewing}
          actions={(r) => (
            <>
              <Button kind="secondary" onClick={() => void save(r)}>
                {t('records.save')}<span className="visually-hidden"> {r.title}</span>
              </Button>
              <Button kind="secondary" onClick={() => setSharing(r)}>
                {t('records.share')}<span className="visually-hidden"> {r.title}</span>
              </Button>
              <Button kind="danger" onClick={() => void act(invoke('records.delete', { recordId: r.id }), t('records.deleted', { title: r.title }))}>
                {t('records.delete')}<span className="visually-hidden"> {r.title}</span>
              </Button>
            </>
          )}
        />
      </section>

      <section aria-labelledby="records-trash">
        <h2 id="records-trash">{t('records.trash.title')}</h2>
        <p className="form__note">{t('records.trash.note')}</p>
        <DataTable
          caption={t('records.trash.title')}
          rows={trash.data}
          rowKey={(r) => r.id}
          error={trash.error}
          empty={t('records.trash.empty')}
          compact
          columns={[
            { header: t('records.recordTitle'), cell: (r) => r.title },
            { header: t('records.category'), cell: (r) => t(`records.categories.${r.category as RecordCategory}`) },
            { header: t('records.trash.deleted'), cell: (r) => date(r.deletedAt), className: 'nowrap' },
            { header: t('records.trash.removed'), cell: (r) => date(r.removedAt), className: 'nowrap' },
            {
              header: <span className="visually-hidden">{t('records.actions')}</span>,
              cell: (r) => (
                <Button kind="secondary" onClick={() => void act(invoke('records.restore', { recordId: r.id }), t('records.restored', { title: r.title }))}>
                  {t('records.trash.restore')}<span className="visually-hidden"> {r.title}</span>
                </Button>
              ),
            },
          ]}
        />
      </section>

      <AccessList />

      {previewing && (
        <FilePreview title={previewing.title} load={() => invoke('records.file', { recordId: previewing.id })} onClose={() => setPreviewing(null)} />
      )}
      {sharing && (
        <ShareRecord
          record={(records.data ?? []).find((r) => r.id === sharing.id) ?? sharing}
          doctors={doctors.data ?? []}
          onChanged={() => void records.reload()}
          onClose={() => setSharing(null)}
        />
      )}
    </Page>
  );
}
