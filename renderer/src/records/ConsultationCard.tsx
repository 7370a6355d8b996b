import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationView, PrescriptionItem } from '../../../shared/contract';
import { useSession } from '../session/session';
import { FilePreview } from '../ui/FilePreview';
import { useDates } from '../ui/format';
import { Button } from '../ui/Layout';

/** A prescription's lines as a table. */
export function PrescriptionTable({ items }: { items: readonly PrescriptionItem[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
    <table className="table table--compact prescription">
      <caption className="visually-hidden">{t('consultations.prescription')}</caption>
      <thead>
        <tr>
          {(['medicine', 'strength', 'dose', 'frequency', 'duration', 'instructions'] as const).map((k) => (
            <th key={k} scope="col">{t(`consultations.items.${k}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((i, n) => (
          <tr key={n}>
            <td>{i.medicine}</td>
            <td>{i.strength}</td>
            <td>{i.dose}</td>
            <td>{i.frequency}</td>
            <td>{i.duration}</td>
            <td>{i.instructions ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

/**
 * One consultation as its patient (or their account holder: `forFamily` names the patient, or a doctor in the
 * patient's chart) reads it: the notes, the prescription and its PDF.
 */
export function ConsultationCard({ consultation: c, headingLevel = 3, forFamily = false }: { consultation: ConsultationView; headingLevel?: 2 | 3; forFamily?: boolean }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { when } = useDates();
  const [viewing, setViewing] = useState(false);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="card consultation">
      <header className="card__header">
        <div>
          <Heading>{t('consultations.heading', { doctor: c.doctorName, when: when(c.start) })}</Heading>
          {forFamily && <span className="badge">{t('consultations.forPatient', { name: c.patientName })}</span>}
        </div>
        <span className="muted">{t('consultations.booking', { number: c.appointmentNumber })}</span>
      </header>
      <h4>{t('consultations.notes')}</h4>
      <p className="details__text">{c.notes}</p>
      {c.items.length > 0 ? (
        <>
          <h4>{t('consultations.prescription')}</h4>
          <PrescriptionTable items={c.items} />
          <div className="card__actions">
            <Button kind="secondary" onClick={() => setViewing(true)}>{t('consultations.pdf')}</Button>
          </div>
        </>
      ) : (
        <p className="muted">{t('consultations.noPrescription')}</p>
      )}
      {viewing && (
        <FilePreview
          title={t('consultations.pdfTitle', { number: c.appointmentNumber })}
          load={() => invoke('prescriptions.pdf', { appointmentId: c.appointmentId })}
          onClose={() => setViewing(false)}
        />
      )}
    </article>
  );
}
