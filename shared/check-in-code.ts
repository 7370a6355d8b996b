// The code a patient types (or scans) at the kiosk to check in: short, random, and from letters and digits
// that cannot be taken for one another. Of each look-alike group one is kept (2 not Z, 5 not S, 6 not G, 8 not
// B, V not U) and 0/O/D/Q and 1/I/L are left out; a look-alike typed by mistake is read as the one kept.
// 24^6 is some 190 million codes for the few hundred appointments of a day: a guess almost never lands.

export const CHECK_IN_ALPHABET = '23456789ACEFHJKMNPRTVWXY';
export const CHECK_IN_LENGTH = 6;

const LOOK_ALIKES: Record<string, string> = { Z: '2', S: '5', G: '6', B: '8', U: 'V' };

/** What was typed or scanned, in the code's own letters: upper case, spaces and dashes dropped, look-alikes read as the kept ones. */
export const normaliseCheckInCode = (raw: string): string =>
  raw.toUpperCase().replace(/[\s-]/g, '').replace(/[ZSGBU]/g, (c) => LOOK_ALIKES[c]!);

export const isCheckInCode = (code: string): boolean =>
  code.length === CHECK_IN_LENGTH && [...code].every((c) => CHECK_IN_ALPHABET.includes(c));

/** As people read it: "K7M-4XD". */
export const formatCheckInCode = (code: string): string => `${code.slice(0, 3)}-${code.slice(3)}`;
