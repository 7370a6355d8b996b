import { describe, expect, it } from 'vitest';
import { mailCatalog, MAIL_KINDS, renderMail, type MailData, type MailKind } from '../../electron/core/mail/templates';
import { SPECIALITIES } from '../../shared/specialities';

const clinic = { name: 'Sunrise Clinic', address: '1 FC Road, Shivajinagar, Pune', timeZone: 'Asia/Kolkata' };
const start = new Date('2026-03-03T05:00:00.000Z');
const end = new Date('2026-03-03T05:15:00.000Z');
const doctor = { name: 'Dr Rohan Mehta', qualifications: 'MBBS, MD (Medicine)', speciality: 'cardiology' as const };
const visit = { start, end, mode: 'in_person' as const };
const online = { start, end, mode: 'online' as const };

const samples: { [K in MailKind]: MailData[K] } = {
  booking_confirmation: { clinic, patientName: 'Asha Kulkarni', bookingNumber: 42, doctor, visit: online },
  appointment_reminder: { clinic, patientName: 'Asha Kulkarni', bookingNumber: 42, doctor, visit },
  appointment_rescheduled: { clinic, patientName: 'Asha Kulkarni', bookingNumber: 42, doctor, visit, previousStart: new Date('2026-03-02T09:00:00Z') },
  appointment_cancelled: { clinic, patientName: 'Asha Kulkarni', bookingNumber: 42, doctor, visit, reason: 'The doctor is away at a conference.' },
  doctor_new_booking: { clinic, doctorName: 'Dr Rohan Mehta', patientName: 'Asha Kulkarni', visit, visitReason: 'Chest pain on climbing stairs' },
  doctor_rescheduled: { clinic, doctorName: 'Dr Rohan Mehta', patientName: 'Asha Kulkarni', visit, previousStart: new Date('2026-03-02T09:00:00Z') },
  doctor_cancelled: { clinic, doctorName: 'Dr Rohan Mehta', patientName: 'Asha Kulkarni', visit, reason: 'Feeling better now' },
  video_link: { clinic, patientName: 'Asha Kulkarni', bookingNumber: 42, doctor, visit: { ...online, videoLink: 'https://meet.google.com/abc-defg-hij' }, replaced: false },
  doctor_video_link: { clinic, doctorName: 'Dr Rohan Mehta', patientName: 'Asha Kulkarni', visit: { ...online, videoLink: 'https://meet.google.com/abc-defg-hij' }, replaced: true },
  verification_approved: { clinic, doctorName: 'Dr Rohan Mehta' },
  verification_rejected: { clinic, doctorName: 'Dr Rohan Mehta', reason: 'Registration number not found.' },
  test_message: { clinic, sentBy: 'Dr Meera Joshi' },
  doctor_invitation: { clinic, inviteeName: 'Dr Farah Sheikh', invitedBy: 'Dr Meera Joshi', code: 'K7QF-29XD', expiresAt: new Date('2026-03-09T18:29:00Z') },
  signup_code: { clinic, name: 'Asha Kulkarni', code: '408317', expiresAt: new Date('2026-03-02T05:00:00Z') },
  signup_exists: { clinic },
  password_reset_code: { clinic, name: 'Asha Kulkarni', code: '519204', expiresAt: new Date('2026-03-02T04:45:00Z') },
  record_invitation: { clinic, name: 'Aarav Kulkarni', holderName: 'Asha Kulkarni', code: 'K7QF-29XD-M3PA', expiresAt: new Date('2026-03-16T04:30:00Z') },
  waitlist_offer: { clinic, patientName: 'Aarav Kulkarni', holderName: 'Asha Kulkarni', doctor, start, heldUntil: new Date('2026-03-02T05:00:00Z') },
  series_booked: { clinic, patientName: 'Asha Kulkarni', doctor, mode: 'in_person', visits: [{ start, bookingNumber: 42 }, { start: new Date('2026-03-10T05:00:00Z'), bookingNumber: 43 }] },
  series_moved: { clinic, patientName: 'Aarav Kulkarni', holderName: 'Asha Kulkarni', doctor, mode: 'online', visits: [{ start, bookingNumber: 42 }] },
  series_cancelled: { clinic, patientName: 'Asha Kulkarni', doctor, mode: 'in_person', visits: [{ start, bookingNumber: 42 }], reason: 'Healed well.' },
  doctor_series_booked: { clinic, doctorName: 'Dr Rohan Mehta', patientName: 'Asha Kulkarni', mode: 'in_person', visits: [{ start, bookingNumber: 42 }], visitReason: 'Dressing' },
  doctor_series_moved: { clinic, doctorName: 'Dr Rohan Mehta', patientName: 'Asha Kulkarni', mode: 'in_person', visits: [{ start, bookingNumber: 42 }] },
  doctor_series_cancelled: { clinic, doctorName: 'Dr Rohan Mehta', patientName: 'Asha Kulkarni', mode: 'in_person', visits: [{ start, bookingNumber: 42 }], reason: 'Healed.' },
  bill_issued: { clinic, patientName: 'Asha Kulkarni', number: 'ML/2025-26/000042', issuedAt: start, totalPaise: 59_000, balancePaise: 29_000 },
  monitoring_digest: {
    clinic,
    doctorName: 'Dr Rohan Mehta',
    alerts: [{
      id: 1, patientId: 7, patientName: 'Asha Kulkarni', doctorName: 'Dr Rohan Mehta', rule: 'out_of_range', measure: 'glucose_fasting',
      readings: [{ id: 3, measure: 'glucose_fasting', value: 260, value2: null, pulse: null, takenAt: '2026-03-02T02:30:00.000Z', note: null, enteredAs: 'patient' }],
      figures: {}, raisedAt: '2026-03-02T02:31:00.000Z', acknowledgedAt: null, acknowledgedBy: null, note: null,
    }],
  },
  reading_reminder: {
    clinic: { ...clinic, phone: '020 2612 3456' },
    patientName: 'Aarav Kulkarni',
    holderName: 'Asha Kulkarni',
    due: [{ measure: 'glucose_fasting', lastAt: new Date('2026-03-01T02:30:00.000Z') }, { measure: 'hba1c', lastAt: null }],
  },
};

type Tree = Record<string, Record<string, string>>;
const keys = (c: Tree) => Object.entries(c).flatMap(([section, phrases]) => Object.keys(phrases).map((k) => `${section}.${k}`)).sort();

describe('email templates', () => {
  it('English and Hindi have the same keys, none empty, a section per kind and every speciality', () => {
    const en = mailCatalog('en');
    const hi = mailCatalog('hi');
    expect(keys(hi)).toEqual(keys(en));
    for (const c of [en, hi]) {
      for (const phrases of Object.values(c)) for (const v of Object.values(phrases)) expect(v.trim()).not.toBe('');
      for (const kind of MAIL_KINDS) expect(Object.keys(c[kind] ?? {})).toEqual(expect.arrayContaining(['subject', 'heading']));
      expect(Object.keys(c.speciality!).sort()).toEqual([...SPECIALITIES].sort());
    }
    // Hindi is a translation, not a copy.
    for (const kind of MAIL_KINDS) expect(hi[kind]!.heading).not.toBe(en[kind]!.heading);
  });

  it.each(MAIL_KINDS)('%s renders in both languages', (kind) => {
    for (const language of ['en', 'hi']) {
      const mail = renderMail(kind, language, samples[kind] as never);
      expect(mail.subject).not.toMatch(/[\r\n]|\{\{/);
      expect(mail.text).not.toContain('{{');
      expect(mail.html).toMatch(/^<!DOCTYPE html><html lang="(en|hi)">/);
      expect(mail.html).toContain('Sunrise Clinic');
      expect(mail.text).toContain('1 FC Road, Shivajinagar, Pune');
    }
  });

  it('a booking confirmation gives the doctor, the time in the clinic zone, the place and what happens next', () => {
    const { subject, text, html } = renderMail('booking_confirmation', 'en', samples.booking_confirmation);
    expect(subject).toBe('Appointment confirmed with Dr Rohan Mehta on 3 March 2026, 10:30 am');
    for (const part of [
      'Dear Asha Kulkarni,', 'Booking no.: 42', 'Doctor: Dr Rohan Mehta', 'Qualifications: MBBS, MD (Medicine)', 'Speciality: Cardiology (heart)',
      'Date and time: Tuesday, 3 March 2026, 10:30 am (India Standard Time)', 'Consultation: Online (video call)',
      'Place: Sunrise Clinic, 1 FC Road, Shivajinagar, Pune', 'Your video link is being made and follows in a separate email shortly.',
    ]) {
      expect(text).toContain(part);
    }
    expect(html).toContain('Tuesday, 3 March 2026, 10:30 am (India Standard Time)');
    expect(html).toContain('style="');
    const inPerson = renderMail('booking_confirmation', 'en', { ...samples.booking_confirmation, visit }, { calendarAttached: true });
    expect(inPerson.text).toContain('Please arrive 10 minutes early');
    expect(inPerson.text).not.toContain('video link');
    expect(inPerson.text).toContain('attached calendar invitation');
  });

  it('a monitoring digest names each patient, the rule, the measure and the reading with its time', () => {
    const { subject, text } = renderMail('monitoring_digest', 'en', samples.monitoring_digest);
    expect(subject).toBe('Monitoring: 1 new alert(s) for your patients');
    expect(text).toContain('Asha Kulkarni: Outside the target range: Fasting glucose 260 mg/dL (2 March 2026, 8:00 am)');
  });

  it('a reading reminder names each measure due with its last reading, greets a dependant\'s holder, and gives the clinic\'s contact', () => {
    const { subject, text } = renderMail('reading_reminder', 'en', samples.reading_reminder);
    expect(subject).toBe('Reminder from Sunrise Clinic: a planned health reading is due');
    expect(text).toContain('Dear Asha Kulkarni,');
    expect(text).toContain('The monitoring plan of Aarav Kulkarni at Sunrise Clinic');
    expect(text).toContain('Fasting glucose: last reading 1 March 2026, 8:00 am');
    expect(text).toContain('HbA1c: no reading yet');
    expect(text).toContain('020 2612 3456');
    const hi = renderMail('reading_reminder', 'hi', { ...samples.reading_reminder, holderName: null });
    expect(hi.subject).toBe('Sunrise Clinic की ओर से याद दिलाना: योजना की एक स्वास्थ्य रीडिंग बाकी है');
    expect(hi.text).toContain('अभी तक कोई रीडिंग नहीं');
  });

  it('writes dates in Hindi for a Hindi reader, in the clinic zone', () => {
    const { subject, text } = renderMail('booking_confirmation', 'hi', samples.booking_confirmation);
    expect(text).toContain('मंगलवार, 3 मार्च 2026, 10:30 am (भारतीय मानक समय)');
    expect(text).toContain('प्रिय Asha Kulkarni,');
    expect(text).toContain('बुकिंग संख्या: 42');
    expect(text).toContain('हृदय रोग (कार्डियोलॉजी)');
    expect(subject).toBe('Dr Rohan Mehta के साथ 3 मार्च 2026, 10:30 am का अपॉइंटमेंट पक्का हो गया है');
    const london = renderMail('test_message', 'en', { clinic: { ...clinic, timeZone: 'Europe/London' }, sentBy: 'x' });
    expect(london.subject).toBe('MedLink test email from Sunrise Clinic');
    const moved = renderMail('appointment_rescheduled', 'en', { ...samples.appointment_rescheduled, clinic: { ...clinic, timeZone: 'Europe/London' } });
    expect(moved.text).toContain('Tuesday, 3 March 2026, 5:00 am (Greenwich Mean Time)');
    expect(moved.text).toContain('Previously: Monday, 2 March 2026, 9:00 am (Greenwich Mean Time)');
  });

  it('escapes what people typed, in every part of the HTML, and keeps it intact in the text', () => {
    const evil = '<img src=x onerror="alert(1)"> & \'Co\'';
    const data: MailData['appointment_cancelled'] = {
      clinic: { ...clinic, name: `Clinic ${evil}` },
      patientName: `Asha ${evil}`,
      bookingNumber: 42,
      doctor: { ...doctor, name: `Dr ${evil}`, qualifications: evil },
      visit,
      reason: `line one ${evil}\nline two`,
    };
    const { subject, text, html } = renderMail('appointment_cancelled', 'en', data);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror="');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;Co&#39;');
    expect(html).toContain('line two');
    expect(html).toMatch(/line one .*<br>line two/);
    expect(text).toContain(`Dear Asha ${evil},`);
    expect(text).toContain(`> line one ${evil}\n> line two`);
    expect(subject).toContain(`Dr ${evil}`);
  });

  it('keeps line breaks out of subjects and only web links as links', () => {
    const mail = renderMail('doctor_new_booking', 'en', { ...samples.doctor_new_booking, patientName: 'Asha\r\nBcc: victim@example.in' });
    expect(mail.subject).toBe('New appointment: Asha Bcc: victim@example.in on 3 March 2026, 10:30 am');
    const linked = renderMail('booking_confirmation', 'en', { ...samples.booking_confirmation, visit: { ...online, videoLink: 'https://meet.jit.si/sunrise-abc123' } });
    expect(linked.html).toContain('<a href="https://meet.jit.si/sunrise-abc123"');
    expect(linked.text).toContain('Join the video consultation: https://meet.jit.si/sunrise-abc123');
    const sneaky = renderMail('booking_confirmation', 'en', { ...samples.booking_confirmation, visit: { ...online, videoLink: 'javascript:alert(1)' } });
    expect(sneaky.html).not.toContain('href="javascript');
  });

  it('an online visit carries its link to the patient and the doctor, or says it follows; the doctor hears of Jitsi\'s moderator sign-in', () => {
    const link = 'https://meet.google.com/abc-defg-hij';
    const confirmed = renderMail('booking_confirmation', 'en', { ...samples.booking_confirmation, visit: { ...online, videoLink: link } });
    expect(confirmed.text).toContain(`Join the video consultation: ${link}`);
    expect(confirmed.text).toContain('You can join from 15 minutes before the start.');
    expect(confirmed.text).not.toContain('separate email');
    const reminder = renderMail('appointment_reminder', 'hi', { ...samples.appointment_reminder, visit: { ...online, videoLink: link } });
    expect(reminder.text).toContain(`वीडियो परामर्श में शामिल हों: ${link}`);

    const toDoctor = renderMail('doctor_new_booking', 'en', { ...samples.doctor_new_booking, visit: { ...online, videoLink: link } });
    expect(toDoctor.text).toContain(`Join the video consultation: ${link}`);
    const pending = renderMail('doctor_rescheduled', 'en', { ...samples.doctor_rescheduled, visit: { ...online, videoPending: true } });
    expect(pending.text).toContain('The video link follows in a separate email.');
    const jitsi = renderMail('doctor_new_booking', 'en', { ...samples.doctor_new_booking, visit: { ...online, videoLink: 'https://meet.jit.si/MedLink-1', moderatorSignIn: true } });
    expect(jitsi.text).toContain('asks the first person who joins to sign in as moderator');
    expect(renderMail('doctor_new_booking', 'en', samples.doctor_new_booking).text).not.toContain('video');

    const followUp = renderMail('video_link', 'en', samples.video_link);
    expect(followUp.subject).toBe('Video link for your appointment with Dr Rohan Mehta on 3 March 2026, 10:30 am');
    expect(followUp.text).toContain(`Join the video consultation: ${link}`);
    expect(followUp.text).not.toContain('replaces');
    const replaced = renderMail('doctor_video_link', 'en', samples.doctor_video_link);
    expect(replaced.subject).toBe('Video link: Asha Kulkarni on 3 March 2026, 10:30 am');
    expect(replaced.text).toContain('This link replaces the one sent earlier: please use only this one.');
  });

  it('an invitation carries the code, its expiry and the steps', () => {
    const en = renderMail('doctor_invitation', 'en', samples.doctor_invitation);
    expect(en.subject).toBe('Invitation to join Sunrise Clinic on MedLink');
    expect(en.text).toContain('Invitation code: K7QF-29XD');
    expect(en.text).toContain('Valid until: Monday, 9 March 2026, 11:59 pm (India Standard Time)');
    expect(en.text).toContain('Doctor sign-up');
    expect(en.html).toContain('K7QF-29XD');
    const hi = renderMail('doctor_invitation', 'hi', samples.doctor_invitation);
    expect(hi.text).toContain('निमंत्रण कोड: K7QF-29XD');
  });

  it('an unknown language falls back to English', () => {
    expect(renderMail('verification_approved', 'fr', samples.verification_approved).subject).toBe('Your MedLink doctor account is verified');
  });
});
