import { readFileSync } from 'node:fs';
import type { Speciality } from '../../../shared/specialities';
import { resourcePath } from '../resources';

type Synonyms = Record<Speciality, { en: string[]; hi: string[] }>;

let cached: Synonyms | null = null;

/** Words a patient may type for a speciality, English and Hindi (resources/search/specialities.json; read once, never changes). */
export function specialityWords(speciality: string): string[] {
  cached ??= JSON.parse(readFileSync(resourcePath('search/specialities.json'), 'utf8')) as Synonyms;
  const s = cached[speciality as Speciality];
  return s ? [...s.en, ...s.hi] : [];
}
