import { useTranslation } from 'react-i18next';
import type { SlotView } from '../../../shared/contract';
import { useBookingDates } from './dates';
import { modeLabel } from './labels';

/**
 * Free times grouped by day, each a button: one click picks it. The button reads "09:15" and is named
 * "Tue, 3 Mar, 09:15" so it makes sense on its own to a screen reader; a time offering only one kind of
 * visit says which.
 */
export function SlotPicker({ slots, onPick, headingLevel = 3 }: { slots: readonly SlotView[]; onPick: (slot: SlotView) => void; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const dates = useBookingDates();
  const days = new Map<string, SlotView[]>();
  for (const s of slots) days.set(s.date, [...(days.get(s.date) ?? []), s]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <div className="slot-days">
      {[...days].map(([date, daySlots]) => {
        const id = `slots-${date}`;
        return (
          <section key={date} className="slot-day" aria-labelledby={id}>
            <Heading id={id} className="slot-day__title">{dates.day(date)}</Heading>
            <ul className="slot-list">
              {daySlots.map((s) => {
                const only = s.modes.length === 1 ? modeLabel(t, s.modes[0]!) : null;
                return (
                  <li key={s.start}>
                    <button
                      type="button"
                      className="slot"
                      aria-label={only ? t('booking.slotNameOnly', { day: dates.day(date), time: s.time, mode: only }) : t('booking.slotName', { day: dates.day(date), time: s.time })}
                      onClick={() => onPick(s)}
                    >
                      <span className="slot__time">{s.time}</span>
                      {only && <span className="slot__mode">{only}</span>}
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
