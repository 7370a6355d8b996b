import { describe, expect, it } from 'vitest';
import { TAX_DEFAULTS } from '../../electron/core/billing/billing-settings';
import { newClinic, ok, refused, signupDoctor, signupPatient } from '../helpers/clinic';
import { doctorSignupInput } from '../helpers/data';
import { practisingDoctor, WEEKDAY_MORNINGS } from '../helpers/scheduling';

const DEFAULTS = { consultation_in_person: 50_000, consultation_online: 40_000, lab_test: 30_000, medication: 20_000, other: 10_000 };
const ONLINE_ONLY = { ...WEEKDAY_MORNINGS, weekly: WEEKDAY_MORNINGS.weekly.map((d) => ({ ...d, ranges: d.ranges.map((r) => ({ ...r, modes: ['online' as const] })) })) };

describe('fees in doctor search', () => {
  it('show on results and profiles, filter by a maximum, and follow every change at once', async () => {
    const clinic = await newClinic();
    const mehta = await practisingDoctor(clinic, 'Dr Rohan Mehta');
    const iyer = await practisingDoctor(clinic, 'Dr Lakshmi Iyer', ONLINE_ONLY);
    const patient = await signupPatient(clinic);
    const search = async (input: { maxFee?: number; mode?: 'online' | 'in_person' } = {}) =>
      ok(await clinic.call('doctors.search', { ...input, sort: 'relevance' }, patient.token)).map((d) => [d.fullName, d.fees]);

    expect(await search()).toEqual([
      ['Dr Lakshmi Iyer', { in_person: 50_000, online: 40_000 }],
      ['Dr Rohan Mehta', { in_person: 50_000, online: 40_000 }],
    ]);
    // Mehta charges more in person; Iyer, who sees patients online only, less online.
    ok(await clinic.call('fees.saveMine', { own: { consultation_in_person: 80_000 } }, mehta.token));
    ok(await clinic.call('fees.saveMine', { own: { consultation_online: 30_000, consultation_in_person: 90_000 } }, iyer.token));
    expect(await search()).toEqual([
      ['Dr Lakshmi Iyer', { in_person: 90_000, online: 30_000 }],
      ['Dr Rohan Mehta', { in_person: 80_000, online: 40_000 }],
    ]);

    // At most ₹400: Mehta by his online fee, Iyer by hers (she offers no other); in person, nobody.
    expect((await search({ maxFee: 40_000 })).map(([n]) => n)).toEqual(['Dr Lakshmi Iyer', 'Dr Rohan Mehta']);
    expect((await search({ maxFee: 35_000 })).map(([n]) => n)).toEqual(['Dr Lakshmi Iyer']);
    expect(await search({ maxFee: 79_999, mode: 'in_person' })).toEqual([]);
    expect((await search({ maxFee: 80_000, mode: 'in_person' })).map(([n]) => n)).toEqual(['Dr Rohan Mehta']);
    expect(refused(await clinic.call('doctors.search', { maxFee: -1, sort: 'relevance' }, patient.token)).fields).toEqual({ maxFee: 'amount_invalid' });

    // The clinic's defaults reach every fee a doctor has not set.
    ok(await clinic.call('billing.saveSettings', { fees: { ...DEFAULTS, consultation_online: 25_000 }, taxes: TAX_DEFAULTS }, clinic.adminToken));
    expect(await search()).toEqual([
      ['Dr Lakshmi Iyer', { in_person: 90_000, online: 30_000 }],
      ['Dr Rohan Mehta', { in_person: 80_000, online: 25_000 }],
    ]);
    expect(ok(await clinic.call('doctors.profile', { doctorId: mehta.doctorId }, patient.token)).fees).toEqual({ in_person: 80_000, online: 25_000 });
    // A doctor who is not yet verified has fees too, but is still not found.
    await signupDoctor(clinic, doctorSignupInput({ fullName: 'Dr Harpreet Singh' }));
    expect(await search({ maxFee: 100_000 })).toHaveLength(2);
  });
});
