import { readFileSync } from 'node:fs';
import type { Speciality } from '../../../shared/specialities';
import { resourcePath } from '../resources';

export type SpecialitySynonyms = Record<Speciality, { en: string[]; hi: string[] }>;

let cached: SpecialitySynonyms | null = null;

/** Words a patient may type for each speciality, English and Hindi (resources/search/specialities.json; read once, never changes). */
export function specialitySynonyms(): SpecialitySynonyms {
  cached ??= JSON.parse(readFileSync(resourcePath('search/specialities.json'), 'utf8')) as SpecialitySynonyms;
  return cached;
}

/** A speciality's words in both languages. */
export function specialityWords(speciality: string): string[] {
  const s = specialitySynonyms()[speciality as Speciality];
  return s ? [...s.en, ...s.hi] : [];
}
