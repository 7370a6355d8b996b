import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

type Catalog = Record<string, unknown>;

// Each language's catalog is split by area (common, patient, clinic); the parts have disjoint top-level keys.
const parts = import.meta.glob<Catalog>('./*/*.json', { eager: true, import: 'default' });
function catalog(language: string): Catalog {
  return Object.entries(parts)
    .filter(([path]) => path.startsWith(`./${language}/`))
    .reduce<Catalog>((all, [, part]) => ({ ...all, ...part }), {});
}

export const UI_LANGUAGES = ['en', 'hi'] as const;
const STORAGE_KEY = 'medlink.language';

export function initI18n(): void {
  const saved = localStorage.getItem(STORAGE_KEY);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: catalog('en') }, hi: { translation: catalog('hi') } },
    lng: saved === 'hi' ? 'hi' : 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
}

/** `remember`: kept for the next start; a kiosk's choice is for the person in front of it only. */
export function setLanguage(language: (typeof UI_LANGUAGES)[number], remember = true): void {
  if (remember) localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
