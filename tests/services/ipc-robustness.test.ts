import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '../../shared/contract';
import type { Role } from '../../shared/roles';
import { newClinic, readyFrontDesk, signupPatient, type Clinic } from '../helpers/clinic';
import { countRows } from '../helpers/db';
import { channelNames, malformed, validInputs, withoutMembers, type Malformed } from '../helpers/payloads';

// Malformed input never reaches a handler: the dispatcher validates before it even looks at the session,
// so every payload here is refused with VALIDATION whoever sends it.

let clinic: Clinic;
let tokens: Record<Role, string>;

beforeAll(async () => {
  clinic = await newClinic({ withDoctor: true });
  const patient = await signupPatient(clinic);
  const desk = await readyFrontDesk(clinic);
  tokens = { admin: clinic.adminToken, doctor: clinic.adminToken, patient: patient.token, front_desk: desk.token };
});
afterAll(() => clinic.close());

/** A token of someone the channel admits, so a payload that slipped through would really run. */
function tokenFor(channel: ChannelName): string | undefined {
  const { roles } = contract[channel];
  if (roles === 'public') return undefined;
  if (roles === 'optional') return tokens.patient;
  return roles === 'any' ? tokens.admin : tokens[roles[0]!];
}

const objectPrototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

function payloadsFor(channel: ChannelName): Malformed[] {
  const base = validInputs()[channel];
  const schema = contract[channel].input;
  // A removed optional member, or no input at all for a channel that takes none, is still valid input.
  const invalid = (m: Malformed) => !schema.safeParse(m.payload ?? {}).success;
  const absent: Malformed[] = [{ label: 'payload is undefined', payload: undefined }, { label: 'payload is null', payload: null }];
  return [...malformed(base), ...[...withoutMembers(base), ...absent].filter(invalid)];
}

describe('every channel refuses malformed payloads', () => {
  it('has a valid base input for every channel (so the variations test the field they change)', () => {
    const inputs = validInputs();
    for (const channel of channelNames) {
      expect(contract[channel].input.safeParse(inputs[channel]).success, channel).toBe(true);
    }
  });

  it.each(channelNames)('%s', async (channel) => {
    const before = await countRows(clinic.app);
    const wrong: string[] = [];
    for (const { label, payload } of payloadsFor(channel)) {
      try {
        const result = await clinic.app.dispatch(channel, payload, tokenFor(channel));
        if (result.ok) wrong.push(`${label}: accepted`);
        else if (result.error.code !== 'VALIDATION') wrong.push(`${label}: ${result.error.code}`);
        else if (!result.error.fields || Object.keys(result.error.fields).length === 0) wrong.push(`${label}: no field named`);
      } catch (e) {
        wrong.push(`${label}: threw ${String(e).slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectPrototypeNames);
    expect(await countRows(clinic.app)).toEqual(before);
  });
});

describe('unknown channels', () => {
  const names: unknown[] = [
    'admin.dropTables', '', 'AUTH.LOGIN', 'auth.login ', 'auth', 'toString', 'hasOwnProperty', '__proto__',
    'constructor', 'x'.repeat(100_000), 42, null, undefined, {}, ['auth.login'],
  ];
  it.each(names.map((n) => [String(n).slice(0, 30), n]))('%s -> UNKNOWN_CHANNEL', async (_, name) => {
    const before = await countRows(clinic.app);
    const result = await clinic.app.dispatch(name, {}, clinic.adminToken);
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: expect.any(String) } });
    expect(await countRows(clinic.app)).toEqual(before);
  });
});
