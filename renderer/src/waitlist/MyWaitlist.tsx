import { useTranslation } from 'react-i18next';
import type { WaitlistEntry } from '../../../shared/contract';
import { useSession } from '../session/session';
import { useLoad } from '../ui/useLoad';
import { Notice } from '../ui/Layout';
import { OfferCard } from './OfferCard';
import { WaitingList } from './WaitingList';

const withOffer = (e: WaitlistEntry): e is WaitlistEntry & { offer: NonNullable<WaitlistEntry['offer']> } => e.offer !== null;

/**
 * In the patient's window: times held for them (and their family) to take or decline, then where they still wait.
 * Read again whenever a time is offered to them or runs out (the live feed), so an offer appears at once.
 */
export function MyWaitlist({ onChanged }: { onChanged: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error, reload } = useLoad(invoke, 'waitlist.mine', {}, ['waitlist']);
  if (!data?.length && !error) return null;

  const answered = async (message: string) => {
    await reload();
    await onChanged(message);
  };
  const offers = data?.filter(withOffer) ?? [];
  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      {offers.length > 0 && (
        <section aria-labelledby="offers-title" className="offers">
          <h2 id="offers-title">{t('waitlist.offer.title', { count: offers.length })}</h2>
          {offers.map((e) => <OfferCard key={e.offer.id} entry={e} onAnswered={answered} />)}
        </section>
      )}
      {data && data.length > 0 && (
        <section aria-labelledby="waiting-title">
          <h2 id="waiting-title">{t('waitlist.mine.title')}</h2>
          <WaitingList entries={data} onLeft={answered} />
        </section>
      )}
    </>
  );
}
