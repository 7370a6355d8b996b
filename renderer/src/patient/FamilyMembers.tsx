import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Empty, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { DependantForm } from './DependantForm';
import { ExportMember } from './ExportData';
import { BirthLine } from './PatientDetails';

type Open = { kind: 'add' } | { kind: 'edit'; member: PatientView } | { kind: 'invite'; member: PatientView } | null;

/**
 * The family members on an account (the patient's own, or for the front desk the record it has open): each with
 * their own record, booked for and mailed through the holder; added, changed, or invited to an account of their own.
 */
export function FamilyMembers({ holderPatientId, asPage }: { holderPatientId?: number; asPage?: boolean }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error, reload } = useLoad(invoke, 'family.list', holderPatientId ? { holderPatientId } : {});
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingId = asPage ? 'page-title' : 'family-title';

  useEffect(() => {
    if (done) document.getElementById(headingId)?.focus();
  }, [done, headingId]);

  async function finished(message: string) {
    setOpen(null);
    setDone(message);
    await reload();
  }

  const addButton = !open && <Button kind={asPage ? 'primary' : 'secondary'} onClick={() => { setDone(null); setOpen({ kind: 'add' }); }}>{t('family.add')}</Button>;
  const body = (
    <>
      <p className="lead">{t(asPage ? 'family.intro' : 'family.introDesk')}</p>
      {done && <Notice kind="success">{done}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {open?.kind === 'add' && (
        <DependantForm holderPatientId={holderPatientId} onCancel={() => setOpen(null)} onSaved={(p) => void finished(t('family.added', { name: p.fullName }))} />
      )}
      {data && data.length === 0 && open?.kind !== 'add' && <Empty>{t('family.none')}</Empty>}
      {data && data.length > 0 && (
        <ul className="family__list">
          {data.map((m) => (
            <li key={m.id} className="card family-member">
              {open?.kind === 'edit' && open.member.id === m.id ? (
                <DependantForm existing={m} onCancel={() => setOpen(null)} onSaved={(p) => void finished(t('family.saved', { name: p.fullName }))} />
              ) : (
                <>
                  <MemberDetails member={m} />
                  {open?.kind === 'invite' && open.member.id === m.id ? (
                    <InviteForm member={m} onCancel={() => setOpen(null)} onSent={(email) => void finished(t('family.invite.sent', { name: m.fullName, email }))} />
                  ) : (
                    <div className="card__actions">
                      <Button kind="secondary" onClick={() => { setDone(null); setOpen({ kind: 'edit', member: m }); }}>
                        {t('family.edit')}<span className="visually-hidden"> {m.fullName}</span>
                      </Button>
                      <Button kind="secondary" onClick={() => { setDone(null); setOpen({ kind: 'invite', member: m }); }}>
                        {t('family.invite.open')}<span className="visually-hidden"> {m.fullName}</span>
                      </Button>
                      <ExportMember patientId={m.id} name={m.fullName} />
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  if (asPage) return <Page title={t('family.title')} actions={addButton}>{body}</Page>;
  return (
    <section className="family" aria-labelledby={headingId}>
      <div className="family__head">
        <h2 id={headingId} tabIndex={-1}>{t('family.title')}</h2>
        {addButton}
      </div>
      {body}
    </section>
  );
}

function MemberDetails({ member: m }: { member: PatientView }) {
  const { t } = useTranslation();
  const notGiven = <span className="not-given">{t('patient.details.notGiven')}</span>;
  return (
    <>
      <h3 className="family-member__name">
        {m.fullName} {m.relation && <span className="badge family-member__relation">{t(`labels.relation.${m.relation}`)}</span>}
      </h3>
      <dl className="details">
        <dt>{t('patient.form.dateOfBirth')}</dt>
        <dd><BirthLine patient={m} /></dd>
        <dt>{t('patient.form.sex')}</dt>
        <dd>{m.sex ? t(`labels.sex.${m.sex}`) : notGiven}</dd>
        <dt>{t('patient.form.bloodGroup')}</dt>
        <dd>{m.bloodGroup ? t(`labels.bloodGroup.${m.bloodGroup}`) : notGiven}</dd>
        <dt>{t('patient.form.allergies')}</dt>
        <dd className="multiline">{m.allergies ?? notGiven}</dd>
        {m.medicalHistory && (
          <>
            <dt>{t('patient.form.medicalHistory')}</dt>
            <dd className="multiline">{m.medicalHistory}</dd>
          </>
        )}
      </dl>
    </>
  );
}

/** A grown-up family member gets an account of their own: a code mailed to them, with which they sign up and take their record over. */
function InviteForm({ member, onCancel, onSent }: { member: PatientView; onCancel: () => void; onSent: (email: string) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date } = useDates();
  const [email, setEmail] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'family.invite');

  async function send() {
    const r = await submit({ patientId: member.id, email });
    if (r) onSent(`${r.email} (${t('family.invite.until', { date: date(r.expiresAt) })})`);
    else focusFirstInvalid();
  }

  return (
    <Form onSubmit={() => void send()} label={t('family.invite.title', { name: member.fullName })}>
      <h4 className="form__title">{t('family.invite.title', { name: member.fullName })}</h4>
      <p className="form__note">{t('family.invite.intro', { name: member.fullName })}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <TextField label={t('family.invite.email', { name: member.fullName })} type="email" value={email} onChange={setEmail} autoComplete="off" required maxLength={254} error={fieldError('email')} />
      <div className="form__actions">
        <Button kind="secondary" onClick={onCancel}>{t('family.form.cancel')}</Button>
        <Button type="submit" busy={busy}>{t('family.invite.send')}</Button>
      </div>
    </Form>
  );
}
