import { describe, expect, it } from 'vitest';
import { buildIcs, foldLine, type IcsEvent } from '../../electron/core/mail/ics';

const event = (overrides: Partial<IcsEvent> = {}): IcsEvent => ({
  method: 'REQUEST',
  uid: 'f3b1c0de-0000-4000-8000-000000000001@medlink.local',
  sequence: 0,
  start: new Date('2026-03-03T05:00:00.000Z'),
  end: new Date('2026-03-03T05:15:00.000Z'),
  summary: 'Consultation with Dr Rohan Mehta',
  description: 'Fever; cough, since Monday.\nBring reports\\prescriptions. परामर्श से पहले अपनी पुरानी रिपोर्ट और पर्चे साथ रखें, धन्यवाद।',
  location: 'Sunrise Clinic, 1 FC Road, Shivajinagar, Pune',
  organizer: { name: 'Sunrise Clinic', email: 'reception@sunrise.in' },
  attendee: { name: 'Kulkarni, Asha: "A"', email: 'asha@example.in' },
  stamp: new Date('2026-03-02T04:30:00.000Z'),
  ...overrides,
});

/** Unfolds (RFC 5545 §3.1) and splits "NAME;PARAMS:VALUE" lines. */
function parse(ics: string) {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  expect(lines.pop()).toBe('');
  return lines.map((line) => {
    const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    return { name: line.slice(0, colon).split(';')[0]!, params: line.slice(0, colon), value: line.slice(colon + 1) };
  });
}
const value = (ics: string, name: string) => parse(ics).filter((p) => p.name === name).map((p) => p.value);
const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('.ics invitations', () => {
  it('is CRLF text with every physical line at most 75 octets, split between characters', () => {
    const ics = buildIcs(event());
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = ics.split('\r\n').slice(0, -1);
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(Buffer.from(line, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    }
    // The long description was folded: continuation lines start with one space.
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    expect(physical[0]).toBe('BEGIN:VCALENDAR');
    expect(physical.at(-1)).toBe('END:VCALENDAR');
  });

  it('folding keeps multi-byte characters whole and unfolds to the original line', () => {
    const line = `DESCRIPTION:${'नमस्ते '.repeat(30)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('a request names the method, UID, sequence, UTC times and the people', () => {
    const ics = buildIcs(event());
    expect(value(ics, 'METHOD')).toEqual(['REQUEST']);
    expect(value(ics, 'UID')).toEqual(['f3b1c0de-0000-4000-8000-000000000001@medlink.local']);
    expect(value(ics, 'SEQUENCE')).toEqual(['0']);
    expect(value(ics, 'DTSTART')).toEqual(['20260303T050000Z']);
    expect(value(ics, 'DTEND')).toEqual(['20260303T051500Z']);
    expect(value(ics, 'DTSTAMP')).toEqual(['20260302T043000Z']);
    for (const name of ['DTSTART', 'DTEND', 'DTSTAMP']) expect(value(ics, name)[0]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(value(ics, 'STATUS')).toEqual(['CONFIRMED']);
    expect(parse(ics).map((p) => p.name).filter((n) => n === 'BEGIN' || n === 'END')).toEqual(['BEGIN', 'BEGIN', 'END', 'END']);
    const attendee = parse(ics).find((p) => p.name === 'ATTENDEE')!;
    expect(attendee.params).toContain('CN="Kulkarni, Asha: A"');
    expect(attendee.value).toBe('mailto:asha@example.in');
    expect(parse(ics).find((p) => p.name === 'ORGANIZER')!.value).toBe('mailto:reception@sunrise.in');
  });

  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    const e = event();
    const ics = buildIcs(e);
    const [description] = value(ics, 'DESCRIPTION');
    expect(description).toContain('Fever\\; cough\\, since Monday.\\nBring reports\\\\prescriptions.');
    expect(unescape(description!)).toBe(e.description);
    expect(unescape(value(ics, 'LOCATION')[0]!)).toBe(e.location);
    expect(value(ics, 'LOCATION')[0]).toBe('Sunrise Clinic\\, 1 FC Road\\, Shivajinagar\\, Pune');
  });

  it('a reschedule keeps the UID with a higher sequence; a cancellation says CANCEL and CANCELLED', () => {
    const moved = buildIcs(event({ sequence: 1, start: new Date('2026-03-04T06:30:00Z'), end: new Date('2026-03-04T06:45:00Z') }));
    expect(value(moved, 'UID')).toEqual(value(buildIcs(event()), 'UID'));
    expect(value(moved, 'SEQUENCE')).toEqual(['1']);
    expect(value(moved, 'DTSTART')).toEqual(['20260304T063000Z']);
    const cancelled = buildIcs(event({ method: 'CANCEL', sequence: 2 }));
    expect(value(cancelled, 'METHOD')).toEqual(['CANCEL']);
    expect(value(cancelled, 'STATUS')).toEqual(['CANCELLED']);
    expect(value(cancelled, 'SEQUENCE')).toEqual(['2']);
  });
});
