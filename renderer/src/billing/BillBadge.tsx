import { useTranslation } from 'react-i18next';
import type { BillSummary } from '../../../shared/contract';
import { billState } from './labels';

export function BillBadge({ bill }: { bill: Pick<BillSummary, 'status' | 'balancePaise'> }) {
  const { t } = useTranslation();
  const state = billState(bill);
  return <span className={`badge bill-state bill-state--${state}`}>{t(`billing.state.${state}`)}</span>;
}
