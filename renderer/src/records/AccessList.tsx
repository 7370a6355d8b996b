import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { useDates } from '../ui/format';
import { useLoad } from '../ui/useLoad';

/** Who opened the patient's records, profile or notes, and when: from the clinic's audit log. */
export function AccessList() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const { data, error } = useLoad(invoke, 'records.accessLog', {});
  return (
    <section aria-labelledby="records-access">
      <h2 id="records-access">{t('records.access.title')}</h2>
      <p className="form__note">{t('records.access.note')}</p>
      <DataTable
        caption={t('records.access.title')}
        rows={data}
        rowKey={(e) => e.id}
        error={error}
        empty={t('records.access.empty')}
        compact
        columns={[
          { header: t('records.access.when'), cell: (e) => dateTime(e.at), className: 'nowrap' },
          { header: t('records.access.who'), cell: (e) => `${e.actorName} (${t(`records.access.roles.${e.actorRole}`)})` },
          {
            header: t('records.access.what'),
            cell: (e) => (
              <>
                {t(`records.access.actions.${e.action.replace('.', '_')}`)}
                {e.emergency && <span className="badge badge--rejected">{t('records.access.emergency')}</span>}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
