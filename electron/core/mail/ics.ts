// Calendar invitations (RFC 5545 / iTIP RFC 5546): one VEVENT per appointment (a series' email holds one for each of
// its visits). A reschedule keeps the UID and raises SEQUENCE; a cancellation sends METHOD:CANCEL with
// STATUS:CANCELLED, so calendars update in place.

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEvent {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  organizer: IcsPerson;
  attendee: IcsPerson;
  /** When this version of the event was made (DTSTAMP). */
  stamp: Date;
}

/** 20260303T050000Z */
export const icsTime = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** TEXT values: backslash, semicolon and comma escaped, every line break written as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, since names hold commas and colons; DQUOTE and controls cannot appear. */
const paramValue = (value: string) => `"${value.replace(/["\x00-\x1f\x7f]/g, '')}"`;

/** mailto: with nothing that could end the line or the property. */
const mailto = (email: string) => `mailto:${email.replace(/[\s"<>;,:]/g, '')}`;

/** Lines longer than 75 octets continue on the next line after a space, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; each continuation line 74 after its leading space.
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** One invitation holding each event (a series' visits); they share the first one's METHOD. */
export function buildIcs(events: IcsEvent | readonly IcsEvent[]): string {
  const all = Array.isArray(events) ? events : [events as IcsEvent];
  const vevent = (e: IcsEvent) => [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`,
    `DTSTAMP:${icsTime(e.stamp)}`,
    `DTSTART:${icsTime(e.start)}`,
    `DTEND:${icsTime(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `LOCATION:${escapeText(e.location)}`,
    `ORGANIZER;CN=${paramValue(e.organizer.name)}:${mailto(e.organizer.email)}`,
    `ATTENDEE;CN=${paramValue(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:${mailto(e.attendee.email)}`,
    `STATUS:${e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//MedLink//Clinic appointments//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${all[0]!.method}`,
    ...all.flatMap(vevent),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** The METHOD line of an .ics text (what the mail's text/calendar part must repeat). */
export function icsMethod(ics: string): string {
  return /^METHOD:([A-Z-]+)\r?$/m.exec(ics)?.[1] ?? 'PUBLISH';
}
