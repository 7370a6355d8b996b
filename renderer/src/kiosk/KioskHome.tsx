import { useTranslation } from 'react-i18next';

export type KioskView = 'checkIn' | 'book' | 'assistant' | 'staff';

/** The kiosk's first screen: what a patient can do here, as large targets. */
const TILES: { view: Exclude<KioskView, 'staff'>; hint: string }[] = [
  { view: 'checkIn', hint: 'kiosk.home.checkInHint' },
  { view: 'book', hint: 'kiosk.home.bookHint' },
  { view: 'assistant', hint: 'kiosk.home.assistantHint' },
];

export function KioskHome({ onOpen }: { onOpen: (view: KioskView) => void }) {
  const { t } = useTranslation();
  return (
    <main className="main kiosk-main">
      <h1 id="page-title" tabIndex={-1} className="kiosk-welcome">{t('kiosk.home.title')}</h1>
      <ul className="kiosk-tiles">
        {TILES.map((tile) => (
          <li key={tile.view}>
            <button type="button" className="kiosk-tile" onClick={() => onOpen(tile.view)}>
              <strong>{t(`kiosk.home.${tile.view}`)}</strong>
              <span>{t(tile.hint)}</span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
