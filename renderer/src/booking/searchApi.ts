import type { z } from 'zod';
import type { Result } from '../../../shared/errors';
import { searchChannels, type DoctorProfile, type SearchResult } from '../../../shared/contract/search';
import type { Invoke } from '../transport';

export type { DoctorProfile, SearchResult };
export type SearchInput = z.input<(typeof searchChannels)['doctors.search']['input']>;

/*
 * doctors.search and doctors.profile are defined in shared/contract/search.ts; until that part is merged
 * into the contract index, the typed invoke does not know their names, so these two calls go through a
 * loose signature. The input is checked here with the channel's own schema, as useSubmit would.
 * Once merged, callers can use invoke('doctors.search', …) directly and this file can go.
 */
type LooseInvoke = (channel: string, input: unknown) => Promise<Result<unknown>>;

export const searchSchema = searchChannels['doctors.search'].input;

export const searchDoctors = (invoke: Invoke, input: SearchInput) =>
  (invoke as unknown as LooseInvoke)('doctors.search', input) as Promise<Result<SearchResult[]>>;

export const doctorProfile = (invoke: Invoke, doctorId: number) =>
  (invoke as unknown as LooseInvoke)('doctors.profile', { doctorId }) as Promise<Result<DoctorProfile>>;
