import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { Empty, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { ConsultationCard } from './ConsultationCard';

/** The patient's consultation notes and prescriptions and their family members' (to read), newest first. */
export function MyConsultations() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error } = useLoad(invoke, 'consultations.mine', {});
  const family = useLoad(invoke, 'family.list', {});
  const dependants = new Set(family.data?.map((p) => p.id));
  return (
    <Page title={t('consultations.title')}>
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && data.length === 0 && <Empty>{t('consultations.none')}</Empty>}
      {data?.map((c) => (
        <ConsultationCard key={c.appointmentId} consultation={c} headingLevel={2} forFamily={dependants.has(c.patientId)} />
      ))}
    </Page>
  );
}
