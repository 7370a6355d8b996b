import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInOutcome, Input } from '../../../shared/contract';
import { publicInvoke } from '../session/session';
import { TextField } from '../ui/Field';
import { useDates } from '../ui/format';
import { Button, Fieldset, Form, Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

type Method = 'code' | 'phone';
type CheckedIn = Extract<CheckInOutcome, { outcome: 'checked_in' }>;

const digits = (s: string) => s.replace(/\D/g, '');
const pad = (s: string) => digits(s).padStart(2, '0');

/** Seconds counting down to 0 from the last `start(n)`. */
function useCountdown() {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = window.setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [left]);
  return { left, start: setLeft };
}

/**
 * Checking in: the code from the email or the appointment card (typed, or scanned: a USB scanner types it and
 * presses Enter), or the mobile number and date of birth. Shows only the first name, time and doctor, and the
 * place in the queue; anything not found gets one message that says nothing more.
 */
export function CheckIn({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method>('code');
  const [result, setResult] = useState<CheckedIn | null>(null);
  const wait = useCountdown();

  if (result) return <CheckedInTicket result={result} onDone={onDone} />;
  return (
    <main className="main kiosk-main">
      <Page title={t('kiosk.checkIn.title')}>
        <CheckInForm key={method} method={method} waitLeft={wait.left} onWait={wait.start} onCheckedIn={setResult} onBack={onDone} />
        <p className="kiosk-switch">
          <Button kind="link" onClick={() => setMethod(method === 'code' ? 'phone' : 'code')}>
            {t(method === 'code' ? 'kiosk.checkIn.usePhone' : 'kiosk.checkIn.useCode')}
          </Button>
        </p>
      </Page>
    </main>
  );
}

function CheckInForm({ method, waitLeft, onWait, onCheckedIn, onBack }: {
  method: Method;
  waitLeft: number;
  onWait: (seconds: number) => void;
  onCheckedIn: (r: CheckedIn) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [phone, setPhone] = useState('');
  const [birth, setBirth] = useState({ day: '', month: '', year: '' });
  const [problem, setProblem] = useState<'not_found' | 'see_desk' | { opensAt: string } | null>(null);
  const { time } = useDates();
  const { submit, busy, error, fieldError } = useSubmit(publicInvoke, 'kiosk.checkIn');

  async function send() {
    setProblem(null);
    const input: Input<'kiosk.checkIn'> =
      method === 'code' ? { method, code } : { method, phone, dateOfBirth: `${digits(birth.year)}-${pad(birth.month)}-${pad(birth.day)}` };
    const r = await submit(input);
    if (!r) return;
    if (r.outcome === 'checked_in') return onCheckedIn(r);
    if (r.outcome === 'see_desk') return setProblem('see_desk');
    if (r.outcome === 'too_early') return setProblem({ opensAt: r.opensAt });
    if (r.outcome === 'not_found') setProblem('not_found');
    onWait(r.waitSeconds);
  }

  const birthField = (part: keyof typeof birth, max: number) => (
    <TextField
      label={t(`kiosk.checkIn.${part}`)} inputMode="numeric" value={birth[part]} autoComplete="off" required maxLength={max}
      onChange={(v) => setBirth({ ...birth, [part]: v })}
    />
  );

  return (
    <>
      {(problem === 'not_found' || waitLeft > 0) && (
        <Notice kind="error">
          {problem === 'not_found' && t('kiosk.checkIn.notFound')} {waitLeft > 0 && t('kiosk.checkIn.wait', { count: waitLeft })}
        </Notice>
      )}
      {problem === 'see_desk' && <Notice kind="info">{t('kiosk.checkIn.seeDesk')}</Notice>}
      {typeof problem === 'object' && problem && <Notice kind="info">{t('kiosk.checkIn.tooEarly', { time: time(problem.opensAt) })}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={() => void send()} label={t('kiosk.checkIn.title')}>
        {method === 'code' ? (
          <TextField
            label={t('kiosk.checkIn.code')} value={code} onChange={setCode} autoComplete="off" autoFocus required maxLength={20}
            hint={t('kiosk.checkIn.codeHint')} error={fieldError('code')}
          />
        ) : (
          <>
            <TextField label={t('fields.phone')} type="tel" inputMode="tel" value={phone} onChange={setPhone} autoComplete="off" autoFocus required maxLength={20} error={fieldError('phone')} />
            <Fieldset legend={t('fields.dateOfBirth')}>
              <div className="kiosk-birth">
                {birthField('day', 2)}
                {birthField('month', 2)}
                {birthField('year', 4)}
              </div>
              {fieldError('dateOfBirth') && <p className="field__error">{fieldError('dateOfBirth')}</p>}
            </Fieldset>
          </>
        )}
        <div className="kiosk-actions">
          <Button kind="secondary" onClick={onBack}>{t('app.back')}</Button>
          <Button type="submit" busy={busy} disabled={waitLeft > 0}>{t('kiosk.checkIn.submit')}</Button>
        </div>
      </Form>
    </>
  );
}

function CheckedInTicket({ result, onDone }: { result: CheckedIn; onDone: () => void }) {
  const { t } = useTranslation();
  const { time } = useDates();
  return (
    <main className="main kiosk-main">
      <Page title={t(result.already ? 'kiosk.checkIn.againTitle' : 'kiosk.checkIn.doneTitle', { name: result.firstName })}>
        <div className="kiosk-ticket" role="status">
          <p>{t('kiosk.checkIn.with', { doctor: result.doctorName, time: time(result.start) })}</p>
          {result.queueNumber !== null && (
            <>
              <p className="kiosk-ticket__label">{t('kiosk.checkIn.queue')}</p>
              <p className="kiosk-ticket__number">{result.queueNumber}</p>
            </>
          )}
          <p>{t('kiosk.checkIn.seat')}</p>
        </div>
        <div className="kiosk-actions">
          <Button onClick={onDone}>{t('kiosk.done')}</Button>
        </div>
      </Page>
    </main>
  );
}
