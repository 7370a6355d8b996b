import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

type Catalog = Record<string, unknown>;

// Each language's catalog is split by area (common, patient, clinic); the parts have disjoint top-level keys.
// A window loads only the language it shows, and another one when the person chooses it.
const parts = import.meta.glob<Catalog>('./*/*.json', { import: 'default' });

/** Loads a language's catalog once (a health assistant's answer may come in a language the screen is not showing). */
export async function loadLanguage(language: string): Promise<void> {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  const mine = Object.entries(parts).filter(([path]) => path.startsWith(`./${language}/`));
  const loaded = await Promise.all(mine.map(([, part]) => part()));
  i18next.addResourceBundle(language, 'translation', Object.assign({}, ...loaded));
}

export const UI_LANGUAGES = ['en', 'hi'] as const;
const STORAGE_KEY = 'medlink.language';

export async function initI18n(): Promise<void> {
  const language = localStorage.getItem(STORAGE_KEY) === 'hi' ? 'hi' : 'en';
  await i18next.use(initReactI18next).init({
    resources: {},
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  // English is the fallback for a key another language lacks, so it is always there.
  await Promise.all([loadLanguage('en'), loadLanguage(language)]);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** `remember`: kept for the next start; a kiosk's choice is for the person in front of it only. */
export async function setLanguage(language: (typeof UI_LANGUAGES)[number], remember = true): Promise<void> {
  if (remember) localStorage.setItem(STORAGE_KEY, language);
  await loadLanguage(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
