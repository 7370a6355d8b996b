import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assistantKnowledge } from '../../electron/core/assistant/knowledge';
import { isAllowedExternal } from '../../electron/main/external-links';
import { conditionSuggestions } from '../../electron/core/assistant/knowledge-blocks';
import { understand } from '../../electron/core/assistant/understand';

// The knowledge base checked against itself: every name it gives is understood as what it names, every wording of
// a danger sign raises its flag and, negated, does not, and every question it suggests is understood as offered.

const k = assistantKnowledge();
const LANGUAGES = ['en', 'hi'] as const;
const MUST_HAVE = [
  'flu', 'common_cold', 'covid19', 'diabetes', 'hypertension', 'asthma', 'migraine', 'dengue', 'malaria', 'typhoid', 'tuberculosis',
  'gastroenteritis', 'uti', 'anaemia', 'thyroid', 'allergy', 'back_pain', 'arthritis', 'depression', 'anxiety', 'skin_infection', 'conjunctivitis',
];
const namesOf = (n: { en: string[]; hi: string[]; roman: string[] }) => [...n.en, ...n.hi, ...n.roman];
const isNegation = (phrase: string) => /\b(no|not|cant|cannot|can not|dont|do not|wont|nahi|nahin)\b|नहीं/.test(phrase);

describe('the assistant knowledge', () => {
  it('covers at least 30 conditions, the issue\'s list among them, each with sources and both languages', () => {
    expect(k.conditions.size).toBeGreaterThanOrEqual(30);
    expect(MUST_HAVE.filter((c) => !k.conditions.has(c))).toEqual([]);
    for (const c of k.conditions.values()) {
      expect(c.sources.length, c.id).toBeGreaterThan(0);
      for (const language of LANGUAGES) expect(c[language].redFlags.length, `${c.id} ${language}`).toBeGreaterThan(0);
      // Hindi wording is written in Devanagari, not left in English.
      expect(/[\u0900-\u097f]/.test(c.hi.overview), c.id).toBe(true);
    }
  });

  it('cites only pages the app may open, and names every red flag on the clinic\'s screen in both languages', () => {
    expect([...k.conditions.values()].flatMap((c) => c.sources.map((s) => s.url)).filter((url) => !isAllowedExternal(url))).toEqual([]);
    for (const language of LANGUAGES) {
      const labels = (JSON.parse(readFileSync(join(import.meta.dirname, `../../renderer/src/i18n/${language}/assistant.json`), 'utf8')) as { alerts: { flag: Record<string, string> } }).alerts.flag;
      expect(Object.keys(labels).sort(), language).toEqual([...k.flags.keys()].sort());
    }
  });

  it('understands every name of every condition and symptom as that condition or symptom', () => {
    const wrong: string[] = [];
    for (const c of k.conditions.values()) {
      for (const name of [...namesOf(c.names), c.en.name, c.hi.name]) if (!understand(name, 'en').conditions.includes(c.id)) wrong.push(`${c.id}: ${name}`);
    }
    for (const s of k.symptoms.values()) {
      for (const name of [...namesOf(s.names), s.en.name, s.hi.name]) {
        const u = understand(name, 'en');
        if (!u.symptoms.includes(s.id) && !u.conditions.length) wrong.push(`${s.id}: ${name}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('raises each one-sign red flag on every wording of its sign, and not when the sign is negated', () => {
    const missed: string[] = [];
    const falseAlarms: string[] = [];
    for (const flag of k.flags.values()) {
      for (const [sign] of flag.when.filter((w) => w.length === 1)) {
        const names = k.signs.get(sign!) ?? k.symptoms.get(sign!)?.names ?? k.conditions.get(sign!)!.names;
        for (const phrase of namesOf(names)) {
          if (!understand(phrase, 'en').flags.includes(flag.id)) missed.push(`${flag.id}: ${phrase}`);
          if (isNegation(phrase)) continue;
          const negated = /[\u0900-\u097f]/.test(phrase) ? `${phrase} नहीं है` : `no ${phrase}`;
          if (understand(negated, 'en').flags.includes(flag.id)) falseAlarms.push(`${flag.id}: ${negated}`);
        }
      }
    }
    expect(missed).toEqual([]);
    expect(falseAlarms).toEqual([]);
  });

  it('raises the combined flags only with both of their parts', () => {
    expect(understand('fever with a stiff neck', 'en').flags).toContain('meningitis_signs');
    expect(understand('stiff neck from sleeping badly, no fever and no headache', 'en').flags).toEqual([]);
    expect(understand('dengue, my gums are bleeding', 'en').flags).toContain('dengue_warning');
    expect(understand('my gums are bleeding when I brush', 'en').flags).toEqual([]);
    expect(understand('I hit my head, no vomiting', 'en').flags).toEqual([]);
  });

  it('understands every question it suggests as what the suggestion offers', () => {
    const wrong: string[] = [];
    for (const language of LANGUAGES) {
      for (const c of k.conditions.values()) {
        // Asked by name, a condition's overview is answered: the chips offer the other sections, then its doctors.
        const chips = conditionSuggestions(understand(c[language].name, language), k);
        const offered = ['symptoms', 'selfCare', 'prevention', 'seeDoctor', 'doctors'];
        chips.forEach((chip, i) => {
          const u = understand(chip, language);
          const ok = offered[i] === 'doctors' ? u.intent === 'speciality' && u.speciality === c.speciality : u.conditions[0] === c.id && u.sections.includes(offered[i] as never);
          if (!ok || u.language !== language) wrong.push(`${language} ${c.id}: ${chip} → ${u.intent} ${u.conditions.join()} ${u.sections.join()}`);
        });
      }
      const start = (JSON.parse(readFileSync(join(import.meta.dirname, `../../renderer/src/i18n/${language}/assistant.json`), 'utf8')) as { assistant: { start: string[] } }).assistant.start;
      for (const chip of [...start, ...k.suggestions.appointments[language]]) {
        const u = understand(chip, language);
        if (u.intent === 'unknown' || u.language !== language) wrong.push(`${language}: ${chip} → ${u.intent}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
