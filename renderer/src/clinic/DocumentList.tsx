import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorDocument } from '../../../shared/contract';
import { useSession } from '../session/session';
import { FilePreview } from '../ui/FilePreview';
import { fileSize } from '../ui/files';
import { intlLocale, useDates } from '../ui/format';
import { Button } from '../ui/Layout';

/** A doctor's credential documents, each opened inside the app; `onRemove` for the doctor's own list. */
export function DocumentList({ documents, onRemove }: { documents: readonly DoctorDocument[]; onRemove?: (d: DoctorDocument) => void }) {
  const { t, i18n } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const [open, setOpen] = useState<DoctorDocument | null>(null);
  if (documents.length === 0) return <p className="muted">{t('documents.none')}</p>;
  return (
    <>
      <ul className="plain-list document-list">
        {documents.map((d) => (
          <li key={d.id}>
            <Button kind="link" onClick={() => setOpen(d)}>
              {d.title}<span className="visually-hidden"> {t('records.preview')}</span>
            </Button>
            <span className="muted">
              {' '}· {t(`documents.kinds.${d.kind}`)} · {fileSize(d.size, intlLocale(i18n.language))} · {date(d.uploadedAt)}
            </span>
            {onRemove && (
              <Button kind="link" onClick={() => onRemove(d)}>
                {t('documents.remove')}<span className="visually-hidden"> {d.title}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
      {open && <FilePreview title={open.title} load={() => invoke('doctors.document', { documentId: open.id })} onClose={() => setOpen(null)} />}
    </>
  );
}
