import { Fragment, useContext, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistantAnswer } from '../../../shared/contract';
import { loadLanguage } from '../i18n';
import { publicInvoke, SessionContext } from '../session/session';
import { TextField } from '../ui/Field';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { errorText } from '../ui/errors';
import { AnswerView, type AnswerActions } from './AnswerView';

/** One question and its answer (null while it is on its way), kept in the window's memory only. */
export interface ChatEntry {
  id: number;
  question: string;
  answer: AssistantAnswer | null;
  error: string | null;
}

/**
 * The health assistant's chat: a log read out as it grows, suggested questions, and a question field. The
 * conversation belongs to the patient's window (PatientHome keeps it across sections) or the kiosk; signing out,
 * or the kiosk clearing itself, reloads the window, and it is gone.
 */
export function Assistant({ conversation, onConversation, actions }: {
  conversation: ChatEntry[];
  onConversation: Dispatch<SetStateAction<ChatEntry[]>>;
  actions: AnswerActions;
}) {
  const { t, i18n } = useTranslation();
  // Signed in (the patient's window), or not (the kiosk: general questions only, the assistant says when to sign in).
  const invoke = useContext(SessionContext)?.invoke ?? publicInvoke;
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const latest = useRef<HTMLLIElement>(null);
  const form = useRef<HTMLDivElement>(null);
  const waiting = conversation.some((e) => !e.answer && !e.error);
  const last = conversation.at(-1)?.answer;
  const chips = last?.suggestions.length ? last.suggestions : (t('assistant.start', { returnObjects: true }) as string[]);

  // The newest answer comes into view as it arrives (braces: Chromium's scrollIntoView may return a promise, not a cleanup).
  useEffect(() => {
    latest.current?.scrollIntoView({ block: 'nearest' });
  }, [conversation]);

  async function ask(question: string) {
    const q = question.trim();
    if (!q) return setInvalid(t('validation.question_required'));
    setInvalid(undefined);
    setText('');
    // Back to the question field (a chip clicked is replaced by the next answer's): the log reads the answer out.
    form.current?.querySelector('input')?.focus();
    const id = (conversation.at(-1)?.id ?? 0) + 1;
    onConversation((c) => [...c, { id, question: q, answer: null, error: null }]);
    const r = await invoke('assistant.ask', { text: q, language: i18n.language === 'hi' ? 'hi' : 'en' });
    if (r.ok) await loadLanguage(r.data.language);
    onConversation((c) => c.map((e) => (e.id !== id ? e : r.ok ? { ...e, answer: r.data } : { ...e, error: errorText(t, r.error) })));
  }

  return (
    <Page title={t('assistant.title')}>
      <p className="lead">{t('assistant.intro')}</p>
      <h2 id="chat-log" className="visually-hidden">{t('assistant.log')}</h2>
      <ol className="chat" role="log" aria-labelledby="chat-log">
        <li className="chat__message chat__message--assistant">{t('assistant.welcome')}</li>
        {conversation.map((e, i) => (
          <Fragment key={e.id}>
            <li className="chat__message chat__message--you">
              <span className="visually-hidden">{t('assistant.you')}: </span>
              {e.question}
            </li>
            <li className="chat__message chat__message--assistant" ref={i === conversation.length - 1 ? latest : undefined} aria-busy={!e.answer && !e.error}>
              <span className="visually-hidden">{t('assistant.name')}: </span>
              {e.answer && <AnswerView answer={e.answer} actions={actions} />}
              {e.error && <Notice kind="error">{e.error}</Notice>}
              {!e.answer && !e.error && <span className="loading">{t('assistant.thinking')}</span>}
            </li>
          </Fragment>
        ))}
      </ol>
      <div className="chips" role="group" aria-label={t('assistant.suggestions')}>
        {chips.map((c) => (
          <button key={c} type="button" className="chip" onClick={() => void ask(c)} disabled={waiting}>{c}</button>
        ))}
      </div>
      <Form label={t('assistant.title')} onSubmit={() => void ask(text)}>
        <div className="search-row" ref={form}>
          <TextField label={t('assistant.question')} hint={t('assistant.questionHint')} value={text} onChange={setText} maxLength={500} error={invalid} />
          <Button type="submit" busy={waiting}>{t('assistant.send')}</Button>
        </div>
      </Form>
    </Page>
  );
}
