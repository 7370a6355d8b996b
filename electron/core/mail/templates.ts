import { formatRupees } from '../../../shared/money';
import type { Speciality } from '../../../shared/specialities';
import { formatCheckInCode } from '../../../shared/check-in-code';
import type { AlertView } from '../../../shared/contract/monitoring';
import { readingText, type Measure } from '../../../shared/monitoring';
import { wording, type Catalog } from '../resources';
import type { InlineImage } from '../outbox/smtp';
import { toHtml, toText, type Block, type Layout } from './layout';
import { qrPng } from './qr-image';

// The emails MedLink sends, one typed data shape per kind. The wording lives in resources/email/<lang>.json
// (the same keys in every language); dates are written in the clinic's time zone and the reader's language.

export const MAIL_LANGUAGES = ['en', 'hi'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export interface ClinicInfo {
  name: string;
  address: string;
  /** IANA zone every time is written in. */
  timeZone: string;
  /** How patients reach the clinic (the footer says so), when the clinic has given them. */
  phone?: string;
  email?: string;
}

export interface DoctorInfo {
  name: string;
  /** "MBBS, MD (Paediatrics)" */
  qualifications: string;
  speciality: Speciality;
  specialityOther?: string | null;
}

export interface VisitInfo {
  start: Date;
  end: Date;
  mode: 'online' | 'in_person';
  /** The video link, once one exists. */
  videoLink?: string | null;
  /** An online visit whose link is still being made: it follows in a mail of its own. */
  videoPending?: boolean;
  /** The link is a room on the public meet.jit.si, where the first to join signs in as moderator (the doctor is told). */
  moderatorSignIn?: boolean;
}

interface PatientVisit {
  clinic: ClinicInfo;
  patientName: string;
  /** A family member's account holder, to whom their mail goes (greeted; the patient is named in the details). */
  holderName?: string | null;
  /** The appointment's booking number, which the patient quotes to the clinic. */
  bookingNumber: number;
  /** What the patient types at the kiosk on the day (a visit in person); shown as text and as the inline QR image CHECK_IN_QR_CID. */
  checkInCode?: string | null;
  doctor: DoctorInfo;
  visit: VisitInfo;
  /** The consultation fee for this kind of visit, in paise (the booking confirmation states it). */
  fee?: number;
}
/** One visit of a series, as its email lists it. */
export interface SeriesVisit {
  start: Date;
  bookingNumber: number;
}
interface PatientSeries {
  clinic: ClinicInfo;
  patientName: string;
  holderName?: string | null;
  doctor: DoctorInfo;
  mode: VisitInfo['mode'];
  visits: SeriesVisit[];
  /** Why the visits were cancelled. */
  reason?: string;
}
interface DoctorSeries {
  clinic: ClinicInfo;
  doctorName: string;
  patientName: string;
  mode: VisitInfo['mode'];
  visits: SeriesVisit[];
  visitReason?: string | null;
  reason?: string;
}

interface DoctorVisit {
  clinic: ClinicInfo;
  doctorName: string;
  patientName: string;
  visit: VisitInfo;
  visitReason?: string | null;
}

/**
 * What each kind of email is written from. Kept as JSON in the outbox row and rendered when the message is sent
 * (outbox.service renderRow), so it is a stored format: a field added later must be optional, since rows queued
 * before lack it.
 */
export interface MailData {
  booking_confirmation: PatientVisit;
  appointment_reminder: PatientVisit;
  appointment_rescheduled: PatientVisit & { previousStart: Date };
  appointment_cancelled: PatientVisit & { reason: string };
  doctor_new_booking: DoctorVisit;
  doctor_rescheduled: DoctorVisit & { previousStart: Date };
  doctor_cancelled: DoctorVisit & { reason: string };
  /** A video link made after the confirmation, or a new one in place of the old. */
  video_link: PatientVisit & { replaced: boolean };
  doctor_video_link: DoctorVisit & { replaced: boolean };
  verification_approved: { clinic: ClinicInfo; doctorName: string };
  verification_rejected: { clinic: ClinicInfo; doctorName: string; reason: string };
  test_message: { clinic: ClinicInfo; sentBy: string };
  doctor_invitation: { clinic: ClinicInfo; inviteeName?: string | null; invitedBy: string; code: string; expiresAt: Date };
  /** The code that finishes a sign-up. */
  signup_code: { clinic: ClinicInfo; name: string; code: string; expiresAt: Date };
  /** Someone tried to sign up with an address that already has an account: its owner is told, no code. */
  signup_exists: { clinic: ClinicInfo };
  /** The code that lets the account's holder choose a new password. */
  password_reset_code: { clinic: ClinicInfo; name: string; code: string; expiresAt: Date };
  /** A grown-up family member invited to an account of their own, which takes over their record. */
  record_invitation: { clinic: ClinicInfo; name: string; holderName: string; code: string; expiresAt: Date };
  /** A freed time offered to someone on the waitlist, held for them until heldUntil. */
  waitlist_offer: { clinic: ClinicInfo; patientName: string; holderName?: string | null; doctor: DoctorInfo; start: Date; heldUntil: Date };
  /** Repeat visits: one email for the whole series (with an .ics holding each visit). */
  series_booked: PatientSeries;
  series_moved: PatientSeries;
  series_cancelled: PatientSeries;
  doctor_series_booked: DoctorSeries;
  doctor_series_moved: DoctorSeries;
  doctor_series_cancelled: DoctorSeries;
  bill_issued: { clinic: ClinicInfo; patientName: string; number: string; issuedAt: Date; totalPaise: number; balancePaise: number };
  /** The monitoring alerts raised for a doctor's patients since their last digest (at most one an hour). */
  monitoring_digest: { clinic: ClinicInfo; doctorName: string; alerts: AlertView[] };
  /** Planned readings that are due and have not come (`lastAt`: the measure's last reading, if any). */
  reading_reminder: { clinic: ClinicInfo; patientName: string; holderName?: string | null; due: { measure: Measure; lastAt: Date | null }[] };
}
export type MailKind = keyof MailData;
export const MAIL_KINDS = [
  'booking_confirmation', 'appointment_reminder', 'appointment_rescheduled', 'appointment_cancelled',
  'doctor_new_booking', 'doctor_rescheduled', 'doctor_cancelled', 'video_link', 'doctor_video_link', 'verification_approved',
  'verification_rejected', 'test_message', 'doctor_invitation', 'signup_code', 'signup_exists', 'password_reset_code', 'bill_issued',
  'record_invitation', 'waitlist_offer', 'series_booked', 'series_moved', 'series_cancelled', 'doctor_series_booked',
  'doctor_series_moved', 'doctor_series_cancelled',
  'monitoring_digest', 'reading_reminder',
] as const satisfies readonly MailKind[];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The images the HTML shows by `cid:`. */
  inlineImages: InlineImage[];
}

/** The emails' wording in one language. */
export const mailCatalog = (language: MailLanguage): Catalog => wording('email', language);

export const mailLanguage = (language: string | null | undefined): MailLanguage =>
  (MAIL_LANGUAGES as readonly string[]).includes(language ?? '') ? (language as MailLanguage) : 'en';

const LOCALES: Record<MailLanguage, string> = { en: 'en-IN', hi: 'hi-IN' };

// Building a formatter costs about a millisecond and emails are written inside the transactions of bookings,
// so each one is made once per process (they hold no state).
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

class Words {
  readonly locale: string;
  constructor(
    private readonly catalog: Catalog,
    readonly language: MailLanguage,
    private readonly zone: string,
  ) {
    this.locale = LOCALES[language];
  }

  /** A phrase with its {{placeholders}} filled; a missing phrase or value is a programming error. */
  t(section: string, key: string, vars: Record<string, string> = {}): string {
    const phrase = this.catalog[section]?.[key];
    if (phrase === undefined) throw new Error(`email wording missing: ${this.language}.${section}.${key}`);
    return phrase.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = vars[name];
      if (value === undefined) throw new Error(`email value missing: {{${name}}} in ${section}.${key}`);
      return value;
    });
  }

  private formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    return dateFormat(this.locale, this.zone, options);
  }
  private format(d: Date, options: Intl.DateTimeFormatOptions): string {
    return this.formatter(options).format(d);
  }

  /** "Tuesday, 3 March 2026, 10:30 (India Standard Time)" */
  when(d: Date): string {
    const zone = this.formatter({ timeZoneName: 'long' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? this.zone;
    return this.t('common', 'dateTime', { date: this.day(d), time: this.time(d), zone });
  }
  /** "3 March 2026, 10:30", for subject lines. */
  short(d: Date): string {
    return `${this.format(d, { day: 'numeric', month: 'long', year: 'numeric' })}, ${this.time(d)}`;
  }
  day(d: Date): string {
    return this.format(d, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  }
  time(d: Date): string {
    // The screens' way (renderer/src/ui/format.ts CLOCK): "9:30 am".
    return this.format(d, { hour: 'numeric', minute: '2-digit', hour12: true });
  }
  label(key: string): string {
    return this.t('labels', key);
  }
  speciality(d: DoctorInfo): string {
    return d.speciality === 'other' && d.specialityOther ? d.specialityOther : this.t('speciality', d.speciality);
  }
}

const p = (text: string): Block => ({ type: 'p', text });

/** The Content-ID of the check-in code's QR image, which the email carries. */
export const CHECK_IN_QR_CID = 'check-in-code@medlink';
const clinicPlace = (c: ClinicInfo) => `${c.name}, ${c.address}`;

const videoLink = (w: Words, url: string): Block => ({ type: 'link', label: w.t('common', 'videoLinkLabel'), url });

function patientVisit(w: Words, kind: MailKind, d: PatientVisit, extra: { previousStart?: Date; reason?: string; calendar?: boolean; replaced?: boolean }): Block[] {
  const cancelled = kind === 'appointment_cancelled';
  const rows: [string, string][] = [
    ...(d.holderName ? [[w.label('patient'), d.patientName] as [string, string]] : []),
    [w.label('bookingNumber'), String(d.bookingNumber)],
    [w.label('doctor'), d.doctor.name],
    [w.label('qualifications'), d.doctor.qualifications],
    [w.label('speciality'), w.speciality(d.doctor)],
    [w.label('when'), w.when(d.visit.start)],
  ];
  if (extra.previousStart) rows.push([w.label('previously'), w.when(extra.previousStart)]);
  rows.push([w.label('mode'), w.t('modes', d.visit.mode)], [w.label('where'), clinicPlace(d.clinic)]);
  if (d.fee !== undefined) rows.push([w.label('fee'), formatRupees(d.fee)]);
  const blocks: Block[] = [p(w.t(kind, 'intro', { clinic: d.clinic.name, doctor: d.doctor.name })), { type: 'details', rows }];
  if (cancelled) {
    blocks.push(p(`${w.label('cancelReason')}:`), { type: 'quote', text: extra.reason ?? '' }, p(w.t(kind, 'rebook')));
    return blocks;
  }
  if (extra.replaced) blocks.push(p(w.t(kind, 'replaces')));
  const link = d.visit.mode === 'online' ? d.visit.videoLink : null;
  if (d.visit.mode === 'in_person') blocks.push(p(w.t(kind, 'nextInPerson')));
  else blocks.push(p(w.t(kind, link || kind === 'video_link' ? 'nextOnline' : 'nextOnlinePending')));
  if (link) blocks.push(videoLink(w, link));
  if (d.checkInCode) {
    const label = w.label('checkInCode');
    blocks.push(
      { type: 'code', label, text: formatCheckInCode(d.checkInCode) },
      { type: 'image', cid: CHECK_IN_QR_CID, filename: 'check-in-code.png', alt: label, qr: d.checkInCode },
      p(w.t('common', 'checkIn')),
    );
  }
  if (extra.calendar) blocks.push(p(w.t('common', 'calendar')));
  blocks.push(p(w.t('common', 'manage')));
  return blocks;
}

function doctorVisit(w: Words, kind: MailKind, d: DoctorVisit, extra: { previousStart?: Date; reason?: string; replaced?: boolean }): Block[] {
  const rows: [string, string][] = [[w.label('patient'), d.patientName], [w.label('when'), w.when(d.visit.start)]];
  if (extra.previousStart) rows.push([w.label('previously'), w.when(extra.previousStart)]);
  rows.push([w.label('mode'), w.t('modes', d.visit.mode)]);
  if (d.visitReason) rows.push([w.label('visitReason'), d.visitReason]);
  const blocks: Block[] = [p(w.t(kind, 'intro', { clinic: d.clinic.name, patient: d.patientName })), { type: 'details', rows }];
  if (extra.reason) blocks.push(p(`${w.label('cancelReason')}:`), { type: 'quote', text: extra.reason });
  if (kind === 'doctor_cancelled' || d.visit.mode !== 'online') return blocks;
  if (extra.replaced) blocks.push(p(w.t(kind, 'replaces')));
  if (d.visit.videoLink) {
    blocks.push(videoLink(w, d.visit.videoLink));
    if (d.visit.moderatorSignIn) blocks.push(p(w.t('common', 'jitsiModerator')));
  } else if (d.visit.videoPending) {
    blocks.push(p(w.t('common', 'videoFollows')));
  }
  return blocks;
}

/** Every visit of a series: its number in the series and its booking number, then when. */
const visitRows = (w: Words, visits: SeriesVisit[]): Block => ({
  type: 'details',
  rows: visits.map((v, i) => [w.t('labels', 'visit', { n: String(i + 1), number: String(v.bookingNumber) }), w.when(v.start)]),
});

function seriesBlocks(w: Words, kind: MailKind, d: PatientSeries & DoctorSeries, who: Record<string, string>, calendar: boolean): Block[] {
  const rows: [string, string][] = [];
  if (d.holderName || kind.startsWith('doctor_')) rows.push([w.label('patient'), d.patientName]);
  if (d.doctor) rows.push([w.label('doctor'), d.doctor.name], [w.label('speciality'), w.speciality(d.doctor)]);
  rows.push([w.label('mode'), w.t('modes', d.mode)], [w.label('where'), clinicPlace(d.clinic)]);
  if (d.visitReason) rows.push([w.label('visitReason'), d.visitReason]);
  const blocks: Block[] = [p(w.t(kind, 'intro', { clinic: d.clinic.name, count: String(d.visits.length), ...who })), { type: 'details', rows }];
  blocks.push(p(w.t('common', 'dates')), visitRows(w, d.visits));
  if (d.reason) blocks.push(p(`${w.label('cancelReason')}:`), { type: 'quote', text: d.reason });
  if (calendar) blocks.push(p(w.t('common', 'calendarAll')));
  if (!kind.startsWith('doctor_') && kind !== 'series_cancelled') blocks.push(p(w.t('common', 'manage')));
  return blocks;
}

interface Parts {
  subjectVars: Record<string, string>;
  recipientName: string | null;
  blocks: Block[];
}

function parts<K extends MailKind>(w: Words, kind: K, data: MailData[K], calendar: boolean): Parts {
  const d = data as MailData[MailKind];
  switch (kind) {
    case 'booking_confirmation':
    case 'appointment_reminder':
    case 'appointment_rescheduled':
    case 'appointment_cancelled':
    case 'video_link': {
      const v = d as MailData['appointment_rescheduled'] & MailData['appointment_cancelled'] & MailData['video_link'];
      return {
        subjectVars: { doctor: v.doctor.name, date: w.short(v.visit.start) },
        recipientName: v.holderName ?? v.patientName,
        blocks: patientVisit(w, kind, v, { previousStart: v.previousStart, reason: v.reason, calendar, replaced: v.replaced }),
      };
    }
    case 'doctor_new_booking':
    case 'doctor_rescheduled':
    case 'doctor_cancelled':
    case 'doctor_video_link': {
      const v = d as MailData['doctor_rescheduled'] & MailData['doctor_cancelled'] & MailData['doctor_video_link'];
      return {
        subjectVars: { patient: v.patientName, date: w.short(v.visit.start) },
        recipientName: v.doctorName,
        blocks: doctorVisit(w, kind, v, { previousStart: v.previousStart, reason: v.reason, replaced: v.replaced }),
      };
    }
    case 'verification_approved':
    case 'verification_rejected': {
      const v = d as MailData['verification_rejected'];
      const blocks: Block[] = [p(w.t(kind, 'intro', { clinic: v.clinic.name }))];
      if (kind === 'verification_rejected') blocks.push({ type: 'quote', text: v.reason });
      blocks.push(p(w.t(kind, 'next')));
      return { subjectVars: {}, recipientName: v.doctorName, blocks };
    }
    case 'test_message': {
      const v = d as MailData['test_message'];
      return {
        subjectVars: { clinic: v.clinic.name },
        recipientName: null,
        blocks: [p(w.t(kind, 'intro', { clinic: v.clinic.name, sender: v.sentBy })), p(w.t(kind, 'next'))],
      };
    }
    case 'doctor_invitation': {
      const v = d as MailData['doctor_invitation'];
      return {
        subjectVars: { clinic: v.clinic.name },
        recipientName: v.inviteeName ?? null,
        blocks: [
          p(w.t(kind, 'intro', { clinic: v.clinic.name, inviter: v.invitedBy })),
          p(w.t(kind, 'steps')),
          { type: 'code', label: w.label('code'), text: v.code },
          { type: 'details', rows: [[w.label('validUntil'), w.when(v.expiresAt)], [w.label('invitedBy'), v.invitedBy]] },
          p(w.t(kind, 'expiry')),
        ],
      };
    }
    case 'signup_code':
    case 'password_reset_code': {
      const v = d as MailData['signup_code'];
      return {
        subjectVars: { clinic: v.clinic.name },
        recipientName: v.name,
        blocks: [
          p(w.t(kind, 'intro', { clinic: v.clinic.name })),
          { type: 'code', label: w.label('signupCode'), text: v.code },
          { type: 'details', rows: [[w.label('validUntil'), w.when(v.expiresAt)]] },
          p(w.t(kind, 'notYou')),
        ],
      };
    }
    case 'record_invitation': {
      const v = d as MailData['record_invitation'];
      const vars = { clinic: v.clinic.name, holder: v.holderName, name: v.name };
      return {
        subjectVars: vars,
        recipientName: v.name,
        blocks: [
          p(w.t(kind, 'intro', vars)),
          p(w.t(kind, 'steps')),
          { type: 'code', label: w.label('code'), text: v.code },
          { type: 'details', rows: [[w.label('validUntil'), w.when(v.expiresAt)]] },
          p(w.t(kind, 'expiry', vars)),
        ],
      };
    }
    case 'waitlist_offer': {
      const v = d as MailData['waitlist_offer'];
      const rows: [string, string][] = v.holderName ? [[w.label('patient'), v.patientName]] : [];
      rows.push(
        [w.label('doctor'), v.doctor.name], [w.label('speciality'), w.speciality(v.doctor)], [w.label('when'), w.when(v.start)],
        [w.label('where'), clinicPlace(v.clinic)], [w.label('heldUntil'), w.when(v.heldUntil)],
      );
      return {
        subjectVars: { doctor: v.doctor.name, date: w.short(v.start) },
        recipientName: v.holderName ?? v.patientName,
        blocks: [p(w.t(kind, 'intro', { clinic: v.clinic.name, doctor: v.doctor.name })), { type: 'details', rows }, p(w.t(kind, 'take')), p(w.t(kind, 'after'))],
      };
    }
    case 'series_booked':
    case 'series_moved':
    case 'series_cancelled':
    case 'doctor_series_booked':
    case 'doctor_series_moved':
    case 'doctor_series_cancelled': {
      const v = d as PatientSeries & DoctorSeries;
      const who: Record<string, string> = { patient: v.patientName, ...(v.doctor ? { doctor: v.doctor.name } : {}) };
      return {
        subjectVars: { ...who, count: String(v.visits.length), date: w.short(v.visits[0]!.start) },
        recipientName: v.doctorName ?? v.holderName ?? v.patientName,
        blocks: seriesBlocks(w, kind, v, who, calendar),
      };
    }
    case 'monitoring_digest': {
      const v = d as MailData['monitoring_digest'];
      const rows: [string, string][] = v.alerts.map((a) => [
        a.patientName,
        `${w.t('alertRules', a.rule, { days: String(a.figures.days ?? ''), percent: String(a.figures.changePercent ?? '') })}: ${w.t('measures', a.measure)}` +
          (a.readings.length ? ` ${a.readings.map((r) => `${readingText(r)} (${w.short(new Date(r.takenAt))})`).join(', ')}` : ''),
      ]);
      return {
        subjectVars: { count: String(v.alerts.length) },
        recipientName: v.doctorName,
        blocks: [p(w.t(kind, 'intro', { clinic: v.clinic.name })), { type: 'details', rows }, p(w.t(kind, 'next'))],
      };
    }
    case 'reading_reminder': {
      const v = d as MailData['reading_reminder'];
      const rows: [string, string][] = v.due.map((m) => [
        w.t('measures', m.measure),
        m.lastAt ? w.t(kind, 'last', { date: w.short(m.lastAt) }) : w.t(kind, 'none'),
      ]);
      return {
        subjectVars: { clinic: v.clinic.name },
        recipientName: v.holderName ?? v.patientName,
        blocks: [
          p(w.t(kind, v.holderName ? 'introFor' : 'intro', { clinic: v.clinic.name, patient: v.patientName })),
          { type: 'details', rows },
          p(w.t(kind, 'next')),
          p(w.t(kind, 'help')),
        ],
      };
    }
    case 'signup_exists': {
      const v = d as MailData['signup_exists'];
      return {
        subjectVars: { clinic: v.clinic.name },
        recipientName: null,
        blocks: [p(w.t(kind, 'intro', { clinic: v.clinic.name })), p(w.t(kind, 'next')), p(w.t(kind, 'notYou'))],
      };
    }
    case 'bill_issued': {
      const v = d as MailData['bill_issued'];
      return {
        subjectVars: { clinic: v.clinic.name, number: v.number },
        recipientName: v.patientName,
        blocks: [
          p(w.t(kind, 'intro', { clinic: v.clinic.name })),
          {
            type: 'details',
            rows: [
              [w.label('billNumber'), v.number],
              [w.label('billDate'), w.day(v.issuedAt)],
              [w.label('total'), formatRupees(v.totalPaise)],
              [w.label('balance'), formatRupees(v.balancePaise)],
            ],
          },
          p(w.t(kind, v.balancePaise > 0 ? 'unpaid' : 'paid')),
          p(w.t(kind, 'myBills')),
        ],
      };
    }
  }
  throw new Error(`unknown email kind: ${String(kind)}`);
}

/** "Phone 020 2612 3456, email desk@sunrise.in." in the reader's language, or nothing when the clinic gave neither. */
function contactLine(w: Words, c: ClinicInfo): string {
  const parts = [c.phone && w.t('common', 'phone', { phone: c.phone }), c.email && w.t('common', 'email', { email: c.email })].filter(Boolean);
  return parts.length ? w.t('common', 'contact', { ways: parts.join(', ') }) : '';
}

/** Header values never carry a line break, whatever a name holds. */
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();

/**
 * The subject, HTML and plain text of one email in the reader's language, with the images it shows (`calendarAttached`:
 * the email carries an .ics invitation, which the text then mentions).
 */
export function renderMail<K extends MailKind>(kind: K, language: string, data: MailData[K], options: { calendarAttached?: boolean } = {}): RenderedMail {
  const lang = mailLanguage(language);
  const clinic = data.clinic;
  const w = new Words(mailCatalog(lang), lang, clinic.timeZone);
  const { subjectVars, recipientName, blocks } = parts(w, kind, data, options.calendarAttached ?? false);
  const subject = oneLine(w.t(kind, 'subject', subjectVars));
  const layout: Layout = {
    language: lang,
    clinicName: clinic.name,
    heading: w.t(kind, 'heading', { clinic: clinic.name }),
    blocks: recipientName ? [p(w.t('common', 'greeting', { name: recipientName })), ...blocks] : blocks,
    signoff: [w.t('common', 'signoff'), clinic.name],
    footer: [w.t('common', 'footer', { clinic: clinic.name, address: clinic.address }), contactLine(w, clinic)].filter(Boolean).join(' '),
  };
  const inlineImages = layout.blocks.flatMap((b) =>
    b.type === 'image' ? [{ cid: b.cid, filename: b.filename, contentType: 'image/png' as const, content: qrPng(b.qr) }] : [],
  );
  return { subject, text: toText(layout), html: toHtml(layout, subject), inlineImages };
}
