import { useTranslation } from 'react-i18next';
import type { DoctorView } from '../../../shared/contract';

export function StatusBadge({ status }: { status: DoctorView['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`doctor.status.${status}`)}</span>;
}
