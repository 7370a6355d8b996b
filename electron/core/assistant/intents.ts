// The intent registry: for each intent, what it says from the knowledge, what it reads from the clinic and what it
// suggests next. A new kind of answer is one entry here, its cue in lexicon.json (and a line in understand.ts's
// PERSONAL if it reads the asker's records) and its block in the contract and on the screen.
import type { AppointmentView, AssistantBlock, AssistantIntent, AssistantVisit } from '../../../shared/contract';
import type { Speciality } from '../../../shared/specialities';
import { readBillingSettings } from '../billing/billing-settings';
import { mine as myBills } from '../billing/bills.service';
import { emergencyNumber } from '../clinic/clinic.service';
import type { Ctx } from '../context';
import { catalogue } from '../health-services/health-services.service';
import { mine } from '../scheduling/appointments.service';
import { search } from '../search/search.service';
import type { Knowledge } from './knowledge';
import { conditionBlock, conditionSuggestions, emergencyBlock, relatedSuggestions, symptomsBlock } from './knowledge-blocks';
import type { Understanding } from './understand';

interface Intent {
  /** Reads the asker's own records: answered only to a signed-in patient, from that patient's rows alone. */
  personal?: true;
  /** A health answer: it carries the note that it is general information, not a diagnosis. */
  health?: true;
  /** What the knowledge says. */
  knowledge?(u: Understanding, k: Knowledge): AssistantBlock[];
  /** What comes from the clinic's data; `patientId` is the signed-in patient's own record, or null. */
  data?(ctx: Ctx, u: Understanding, k: Knowledge, patientId: number | null): Promise<AssistantBlock[]>;
  suggestions?(u: Understanding, k: Knowledge): string[];
}

/** Doctors shown for a speciality: the first few by next free slot. */
const DOCTORS_SHOWN = 3;
const VISITS_SHOWN = 5;
const BILLS_SHOWN = 5;
const SERVICES_SHOWN = 8;

const reply = (r: Extract<AssistantBlock, { kind: 'reply' }>['reply']): AssistantBlock => ({ kind: 'reply', reply: r });

/** Verified doctors of a speciality with their next free slot; general physicians when the clinic has none of it. */
async function doctorsBlock(ctx: Ctx, speciality: Speciality): Promise<AssistantBlock[]> {
  const find = (s: Speciality) => search(ctx, { speciality: s, sort: 'next_slot' });
  let found = await find(speciality);
  const fallback = found.length === 0 && speciality !== 'general_medicine';
  if (fallback) found = await find('general_medicine');
  const doctors = found.slice(0, DOCTORS_SHOWN).map((d) => ({
    id: d.id,
    fullName: d.fullName,
    speciality: d.speciality,
    ...(d.specialityOther ? { specialityOther: d.specialityOther } : {}),
    hospital: d.hospital,
    experienceYears: d.experienceYears,
    languages: d.languages,
    nextSlot: d.nextSlot && { start: d.nextSlot.start, date: d.nextSlot.date, time: d.nextSlot.time },
  }));
  return [{ kind: 'doctors', speciality, fallback, doctors }];
}

/**
 * Consultation fees (doctor search's, the doctor's own else the clinic's default): of the doctors matching the
 * name asked, else of the speciality's doctors; the clinic's defaults always, for when neither was asked.
 */
async function feesBlock(ctx: Ctx, u: Understanding): Promise<AssistantBlock> {
  const found = u.doctorName
    ? await search(ctx, { text: u.doctorName, sort: 'relevance' })
    : u.speciality ? await search(ctx, { speciality: u.speciality, sort: 'next_slot' }) : [];
  const { fees } = await readBillingSettings(ctx);
  return {
    kind: 'fees',
    name: u.doctorName,
    speciality: u.doctorName ? null : u.speciality,
    doctors: found.slice(0, DOCTORS_SHOWN).map((d) => ({
      id: d.id, fullName: d.fullName, speciality: d.speciality, ...(d.specialityOther ? { specialityOther: d.specialityOther } : {}), hospital: d.hospital,
      modes: d.modes, fees: d.fees,
    })),
    defaults: { in_person: fees.consultation_in_person, online: fees.consultation_online },
  };
}

const visit = (a: AppointmentView): AssistantVisit => ({
  id: a.id, number: a.number, doctorName: a.doctorName, start: a.start, end: a.end, mode: a.mode, status: a.status, hospital: a.hospital,
});

/** The signed-in patient's own upcoming appointments (the scheduling service reads only the session's patient). */
const upcoming = async (ctx: Ctx) => (await mine(ctx)).upcoming;

export const INTENTS: Record<AssistantIntent, Intent> = {
  emergency: {
    health: true,
    data: async (ctx, u, k) => [emergencyBlock(u, k, await emergencyNumber(ctx))],
  },
  condition: {
    health: true,
    knowledge: (u, k) => u.conditions.slice(0, 2).map((id) => conditionBlock(k, id, u.sections, u.language)),
    suggestions: conditionSuggestions,
  },
  symptom: {
    health: true,
    knowledge: (u, k) => [symptomsBlock(u, k)],
    data: (ctx, u) => doctorsBlock(ctx, u.speciality!),
    suggestions: relatedSuggestions,
  },
  speciality: {
    health: true,
    data: (ctx, u) => doctorsBlock(ctx, u.speciality ?? 'general_medicine'),
  },
  appointments: {
    personal: true,
    data: async (ctx) => [{ kind: 'appointments', appointments: (await upcoming(ctx)).slice(0, VISITS_SHOWN).map(visit) }],
    suggestions: (u, k) => k.suggestions.appointments[u.language],
  },
  video_link: {
    personal: true,
    data: async (ctx) => [{ kind: 'video', appointment: (await upcoming(ctx)).find((a) => a.mode === 'online') ?? null }],
  },
  howto: {
    knowledge: (u) => [reply(`howto_${u.topic!}`)],
    // Changing or cancelling starts from one's appointments: a signed-in patient sees theirs.
    data: async (ctx, u, _k, patientId) =>
      patientId !== null && (u.topic === 'reschedule' || u.topic === 'cancel') ? [{ kind: 'appointments', appointments: (await upcoming(ctx)).slice(0, VISITS_SHOWN).map(visit) }] : [],
  },
  fees: {
    data: async (ctx, u) => [await feesBlock(ctx, u)],
  },
  bills: {
    personal: true,
    // billing's own "my bills": the session's patient's issued bills, those with a balance due first.
    data: async (ctx) => {
      const bills = await myBills(ctx);
      return [{ kind: 'bills', bills: bills.slice(0, BILLS_SHOWN), duePaise: bills.reduce((sum, b) => sum + b.balancePaise, 0), more: bills.length > BILLS_SHOWN }];
    },
  },
  services: {
    data: async (ctx) => [
      { kind: 'services', services: (await catalogue(ctx)).slice(0, SERVICES_SHOWN).map(({ id, kind, name, description, pricePaise }) => ({ id, kind, name, description, pricePaise })) },
    ],
  },
  // Without suggestions of its own, an answer is followed by the screen's opening suggestions.
  greeting: { knowledge: () => [reply('greeting')] },
  thanks: { knowledge: () => [reply('thanks')] },
  help: { knowledge: () => [reply('help')] },
  privacy: { knowledge: () => [reply('privacy')] },
  unknown: { knowledge: () => [reply('unknown')] },
};
