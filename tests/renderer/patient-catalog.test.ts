import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOOD_GROUPS, INDIAN_STATES, LANGUAGES, SEXES, SPECIALITIES } from '../../shared/specialities';

type Tree = { [key: string]: string | Tree };
const load = (lang: string): Tree =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../renderer/src/i18n/${lang}/patient.json`), 'utf8')) as Tree;

/** Every leaf key ("patient.nav.label"). */
function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

describe('patient catalog', () => {
  const en = load('en');
  const hi = load('hi');

  it('has the same keys in English and Hindi, none empty', () => {
    expect(leaves(hi).sort()).toEqual(leaves(en).sort());
    for (const tree of [en, hi]) {
      for (const key of leaves(tree)) {
        const value = key.split('.').reduce<string | Tree>((node, k) => (node as Tree)[k]!, tree);
        expect(value, key).not.toBe('');
      }
    }
  });

  it('names every speciality, blood group, sex, language and state in both languages', () => {
    for (const tree of [en, hi]) {
      const labels = tree.labels as Record<string, Record<string, string>>;
      expect(Object.keys(labels.speciality!).sort()).toEqual([...SPECIALITIES].sort());
      expect(Object.keys(labels.bloodGroup!).sort()).toEqual([...BLOOD_GROUPS].sort());
      expect(Object.keys(labels.sex!).sort()).toEqual([...SEXES].sort());
      expect(Object.keys(labels.language!).sort()).toEqual([...LANGUAGES].sort());
      expect(Object.keys(labels.state!).sort()).toEqual([...INDIAN_STATES].sort());
    }
  });
});
