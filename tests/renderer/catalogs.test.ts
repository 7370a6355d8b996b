import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_DETAIL_KEYS, AUDIT_NAMED_VALUES, AUDIT_VALUE_LISTS } from '../../shared/audit';
import { AUDIT_ACTIONS, contract } from '../../shared/contract';
import { patientProfile } from '../../shared/fields';
import { BLOOD_GROUPS, INDIAN_STATES, LANGUAGES, SEXES, SPECIALITIES } from '../../shared/specialities';

type Tree = { [key: string]: string | Tree };
const I18N = join(import.meta.dirname, '../../renderer/src/i18n');
const SRC = join(import.meta.dirname, '../../renderer/src');

const parts = (lang: string) => readdirSync(join(I18N, lang)).filter((f) => f.endsWith('.json')).sort();
const load = (lang: string, part: string) => JSON.parse(readFileSync(join(I18N, lang, part), 'utf8')) as Tree;
/** The catalog as i18n/index.ts builds it: the parts merged by their (disjoint) top-level keys. */
const catalog = (lang: string): Tree => Object.assign({}, ...parts(lang).map((p) => load(lang, p)));

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}
const leafValues = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leafValues(v, `${prefix}${k}.`)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('translation catalogs', () => {
  it('English and Hindi have the same parts and the same keys, none empty', () => {
    expect(parts('hi')).toEqual(parts('en'));
    for (const part of parts('en')) {
      expect(leaves(load('hi', part)).sort(), part).toEqual(leaves(load('en', part)).sort());
    }
    for (const lang of ['en', 'hi']) for (const [key, value] of leafValues(catalog(lang))) expect(value.trim(), `${lang}:${key}`).not.toBe('');
  });

  it('parts do not share top-level keys, so merging loses nothing', () => {
    const seen = new Map<string, string>();
    for (const part of parts('en')) {
      for (const key of Object.keys(load('en', part))) {
        expect(seen.get(key), `${key} in ${part}`).toBeUndefined();
        seen.set(key, part);
      }
    }
  });

  it('every literal key the screens ask for exists', () => {
    const known = new Set(leaves(catalog('en')));
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'(\s*,\s*\{\s*returnObjects: true)?/g)) {
        const key = m[1]!;
        // A key ending in '.' is a prefix completed at run time; a counted key has plural forms; a list is asked for whole.
        const list = m[2] !== undefined && [...known].some((k) => k.startsWith(`${key}.`));
        if (!key.endsWith('.') && !known.has(key) && !known.has(`${key}_other`) && !list) missing.push(`${file.slice(SRC.length + 1)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every speciality, blood group, sex, language and state in both languages', () => {
    for (const lang of ['en', 'hi']) {
      const labels = catalog(lang).labels as Record<string, Record<string, string>>;
      expect(Object.keys(labels.speciality!).sort()).toEqual([...SPECIALITIES].sort());
      expect(Object.keys(labels.bloodGroup!).sort()).toEqual([...BLOOD_GROUPS].sort());
      expect(Object.keys(labels.sex!).sort()).toEqual([...SEXES].sort());
      expect(Object.keys(labels.language!).sort()).toEqual([...LANGUAGES].sort());
      expect(Object.keys(labels.state!).sort()).toEqual([...INDIAN_STATES].sort());
    }
  });

  it('gives every audit action, every detail and every named value its own wording in both languages', () => {
    for (const lang of ['en', 'hi']) {
      const keys = new Set(leaves(catalog(lang)));
      const missing = [
        ...AUDIT_ACTIONS.map((a) => `admin.audit.actions.${a}`),
        ...AUDIT_DETAIL_KEYS.map((k) => `admin.audit.detail.${k}`),
        ...Object.values(AUDIT_NAMED_VALUES).flatMap((list) => AUDIT_VALUE_LISTS[list].map((v) => `admin.audit.${list}.${v}`)),
      ].filter((k) => !keys.has(k));
      expect(missing, lang).toEqual([]);
    }
  });

  it('names every field a change can touch (clinic, email, patient and doctor profiles) among the audited fields', () => {
    const shape = (c: { input: unknown }) => Object.keys((c.input as { shape: object }).shape);
    const fields = [
      ...shape(contract['settings.update']),
      ...shape(contract['mail.saveSettings']).map((k) => `mail.${k}`),
      ...shape(contract['video.saveSettings']).map((k) => (k.startsWith('client') ? `google.${k}` : `video.${k}`)),
      ...Object.keys(patientProfile.shape),
      ...shape(contract['doctors.updateProfile']),
      'photo',
    ];
    expect(fields.filter((f) => !AUDIT_VALUE_LISTS.field.includes(f))).toEqual([]);
  });
});
