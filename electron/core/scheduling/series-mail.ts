import type { Ctx } from '../context';
import { buildIcs } from '../mail/ics';
import { cancelPendingLater, enqueueMail } from '../outbox/outbox.service';
import { icsEventOf, mailPeople, queueReminder } from './appointment-mail';
import type { DetailedRow } from './appointments.repo';

// What a change to a series of repeat visits tells people: one email to the patient (a family member's: to their
// holder) listing every visit it touched, with one calendar invitation holding each of them; one to the doctor;
// and each visit's own reminder, withdrawn and written anew (or only withdrawn, for a cancellation).

export type SeriesEvent = { kind: 'booked' } | { kind: 'moved' } | { kind: 'cancelled'; reason: string };

/** `visits`: the series' visits the change touched, as it left them. */
export async function seriesMail(ctx: Ctx, visits: DetailedRow[], event: SeriesEvent): Promise<void> {
  const first = visits[0];
  if (!first) return;
  const m = await mailPeople(ctx, first.patient_id, first.doctor_id);
  if (!m) return;
  const listed = visits.map((a) => ({ start: new Date(a.start_at), bookingNumber: a.number }));
  const mode = first.mode as 'online' | 'in_person';
  const reason = event.kind === 'cancelled' ? event.reason : undefined;

  if (event.kind !== 'booked') for (const a of visits) await cancelPendingLater(ctx, a.id, 'appointment_reminder');
  if (m.contact.email) {
    const ics = buildIcs(visits.map((a) => icsEventOf(ctx, a, m, event.kind === 'cancelled' ? 'CANCEL' : 'REQUEST')));
    await enqueueMail(ctx, `series_${event.kind}`, {
      to: m.contact.email, language: m.contact.language, ics,
      data: { clinic: m.clinic, patientName: m.patient.full_name, holderName: m.contact.holder?.full_name, doctor: m.doctorInfo, mode, visits: listed, reason },
    });
    if (event.kind !== 'cancelled') for (const a of visits) await queueReminder(ctx, a, m);
  }
  await enqueueMail(ctx, `doctor_series_${event.kind}`, {
    to: m.doctor.email, language: m.doctorLanguage,
    data: { clinic: m.clinic, doctorName: m.doctor.full_name, patientName: m.patient.full_name, mode, visits: listed, visitReason: first.reason, reason },
  });
}
