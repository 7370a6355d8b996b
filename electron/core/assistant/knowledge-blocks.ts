// Answers built from the knowledge alone, in the answer's language: a condition's sections, symptoms with advice
// and the conditions they often belong to, what to do in an emergency, and the questions to suggest next.
import type { AssistantBlock, ConditionSection } from '../../../shared/contract';
import type { Language } from '../../../shared/specialities';
import type { Knowledge } from './knowledge';
import type { Understanding } from './understand';

type Block<K extends AssistantBlock['kind']> = Extract<AssistantBlock, { kind: K }>;

/** The sections a suggestion can offer, in the order a page reads. */
const OFFERED = ['overview', 'symptoms', 'selfCare', 'prevention', 'seeDoctor'] as const;

export function conditionBlock(k: Knowledge, id: string, sections: ConditionSection[], language: Language): Block<'condition'> {
  const c = k.conditions.get(id)!;
  const t = c[language];
  return {
    kind: 'condition',
    id,
    name: t.name,
    sections: sections.map((section) => (section === 'overview' ? { section, text: t.overview, items: [] } : { section, text: null, items: t[section] })),
    sources: c.sources,
  };
}

/** Conditions that share the most of these symptoms, at most `limit`, in the knowledge's order among equals. */
function relatedConditions(k: Knowledge, symptoms: string[], limit: number): string[] {
  return [...k.conditions.values()]
    .map((c) => ({ id: c.id, shared: c.symptoms.filter((s) => symptoms.includes(s)).length }))
    .filter((c) => c.shared > 0)
    .sort((a, b) => b.shared - a.shared)
    .slice(0, limit)
    .map((c) => c.id);
}

export function symptomsBlock(u: Understanding, k: Knowledge): Block<'symptoms'> {
  return {
    kind: 'symptoms',
    symptoms: u.symptoms.map((id) => {
      const s = k.symptoms.get(id)![u.language];
      return { id, name: s.name, advice: s.advice };
    }),
    related: relatedConditions(k, u.symptoms, 4).map((id) => ({ id, name: k.conditions.get(id)![u.language].name })),
  };
}

export function emergencyBlock(u: Understanding, k: Knowledge, number: string): Block<'emergency'> {
  return { kind: 'emergency', number, advice: u.flags.flatMap((f) => k.flags.get(f)![u.language]) };
}

/** A name as a suggestion uses it: without what is in brackets ("Flu (influenza)" → "Flu"). */
const shortName = (name: string) => name.replace(/\s*\(.*\)\s*$/, '');
const fill = (template: string, name: string) => template.replace('{name}', shortName(name));

/** After a condition: its other sections, and which doctor treats it. */
export function conditionSuggestions(u: Understanding, k: Knowledge): string[] {
  const id = u.conditions[0];
  if (!id) return [];
  const name = k.conditions.get(id)![u.language].name;
  return [
    ...OFFERED.filter((s) => !u.sections.includes(s)).map((s) => fill(k.suggestions.section[s]![u.language], name)),
    fill(k.suggestions.doctors[u.language], name),
  ];
}

/** After symptoms: what the conditions they are often part of are. */
export function relatedSuggestions(u: Understanding, k: Knowledge): string[] {
  return relatedConditions(k, u.symptoms, 3).map((id) => fill(k.suggestions.section.overview![u.language], k.conditions.get(id)![u.language].name));
}
