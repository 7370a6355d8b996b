import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlotView } from '../../../shared/contract';
import { useDates } from '../ui/format';

/**
 * Free times grouped by day, each a button: one click picks it. The button reads "09:15" and is named
 * "Tue, 3 Mar, 09:15" so it makes sense on its own to a screen reader; a time offering only one kind of
 * visit says which.
 */
export function SlotPicker({ slots, onPick, headingLevel = 3 }: { slots: readonly SlotView[]; onPick: (slot: SlotView) => void; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const dates = useDates();
  const prefix = useId();
  const days = new Map<string, SlotView[]>();
  for (const s of slots) days.set(s.date, [...(days.get(s.date) ?? []), s]);
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2]!;

  return (
    <div className="free-slots">
      {[...days].map(([date, daySlots]) => {
        const id = `${prefix}-${date}`;
        return (
          <section key={date} className="free-slots__day" aria-labelledby={id}>
            <Heading id={id} className="free-slots__title">{dates.shortDay(date)}</Heading>
            <ul className="free-slots__list">
              {daySlots.map((s) => {
                const only = s.modes.length === 1 ? t(`booking.only.${s.modes[0]!}`) : null;
                return (
                  <li key={s.start}>
                    <button
                      type="button"
                      className="free-slot"
                      aria-label={only ? t('booking.slotNameOnly', { day: dates.shortDay(date), time: dates.clock(s.time), only }) : t('booking.slotName', { day: dates.shortDay(date), time: dates.clock(s.time) })}
                      onClick={() => onPick(s)}
                    >
                      <span className="free-slot__time">{dates.clock(s.time)}</span>
                      {only && <span className="free-slot__mode">{only}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
