import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Empty, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';

type Invited = Output<'admin.inviteDoctor'>;

/** The administrator invites a doctor by email; the code is shown here once, and the invitations sent below. */
export function InviteDoctor() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date, dateTime } = useDates();
  const list = useLoad(invoke, 'admin.invitations', {});
  const [email, setEmail] = useState('');
  const [fullName, setFullName] = useState('');
  const [invited, setInvited] = useState<Invited | null>(null);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'admin.inviteDoctor');
  // An address that already has an account: say so plainly rather than the generic refusal.
  const taken = fieldError('email') === t('validation.email_taken');

  async function send() {
    setInvited(null);
    const r = await submit({ email, ...(fullName.trim() ? { fullName } : {}) });
    if (!r) return focusFirstInvalid();
    setInvited(r);
    setEmail('');
    setFullName('');
    await list.reload();
  }

  return (
    <Page title={t('invite.title')}>
      <p className="lead">{t('invite.intro')}</p>
      {invited && (
        <div className="notice notice--success temp-password" role="status">
          <p>{t('invite.sent', { email: invited.email })}</p>
          <p className="temp-password__label">
            {t('invite.code')} <code className="temp-password__value">{invited.code}</code>
          </p>
          <p>{t('invite.codeOnce', { date: dateTime(invited.expiresAt) })}</p>
          <Button kind="secondary" onClick={() => setInvited(null)}>{t('invite.noted')}</Button>
        </div>
      )}
      {error && <Notice kind="error">{taken ? t('invite.errors.email_taken') : error}</Notice>}
      <Form onSubmit={() => void send()} label={t('invite.title')}>
        <div className="form__row">
          <TextField label={t('invite.email')} type="email" value={email} onChange={setEmail} autoComplete="off" required maxLength={254} error={fieldError('email')} />
          <TextField label={t('invite.fullName')} hint={t('invite.fullNameHint')} value={fullName} onChange={setFullName} autoComplete="off" maxLength={100} error={fieldError('fullName')} />
        </div>
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('invite.submit')}</Button>
        </div>
      </Form>

      <h2 id="invitations">{t('invite.listTitle')}</h2>
      {list.error && <Notice kind="error">{list.error}</Notice>}
      {list.loading && <Loading />}
      {list.data && list.data.length === 0 && <Empty>{t('invite.empty')}</Empty>}
      {list.data && list.data.length > 0 && (
        <table className="table table--compact">
          <caption className="visually-hidden">{t('invite.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invite.to')}</th>
              <th scope="col">{t('invite.invitedBy')}</th>
              <th scope="col">{t('invite.sentOn')}</th>
              <th scope="col">{t('invite.expires')}</th>
              <th scope="col">{t('invite.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((i) => (
              <tr key={`${i.email}-${i.createdAt}`}>
                <td>
                  {i.fullName && <div>{i.fullName}</div>}
                  <div className={i.fullName ? 'muted' : undefined}>{i.email}</div>
                </td>
                <td>{i.invitedBy}</td>
                <td className="nowrap">{date(i.createdAt)}</td>
                <td className="nowrap">{i.status === 'used' ? '–' : date(i.expiresAt)}</td>
                <td>
                  <span className={`badge badge--invite-${i.status}`}>{t(`invite.statuses.${i.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
