import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEE_KINDS, FEE_LINES, type BillView, type FeeKind, type Input } from '../../../shared/contract';
import { BILL_CATEGORIES, billTotals, lineTax, type BillCategory } from '../../../shared/gst';
import { Dialog } from '../ui/Dialog';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { BillTotals } from './BillEditor';
import { rupees, rupeesInput, toPaise } from './labels';

interface DraftLine {
  key: number;
  description: string;
  category: BillCategory;
  quantity: string;
  price: string;
}

let nextKey = 0;
const draftLine = (l: { description: string; category: BillCategory; quantity: number; unitPaise: number }): DraftLine => ({
  key: ++nextKey, description: l.description, category: l.category, quantity: String(l.quantity), price: rupeesInput(l.unitPaise),
});
const quantityOf = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/**
 * A draft bill's lines (description, category, quantity, unit price), the tax and total as they will be, and the
 * Latin spellings receipts need for names written in another script; then Save or Issue.
 */
export function DraftForm({ bill, onSaved }: { bill: BillView; onSaved: (bill: BillView, message: string) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [lines, setLines] = useState<DraftLine[]>(() => bill.lines.map(draftLine));
  const [patientLatin, setPatientLatin] = useState(bill.patient.latinName ?? '');
  const [doctorLatin, setDoctorLatin] = useState(bill.doctor?.latinName ?? '');
  const [confirming, setConfirming] = useState(false);
  const save = useSubmit(invoke, 'bills.saveDraft');
  const issue = useSubmit(invoke, 'bills.issue');
  // Whichever was asked last says what was wrong.
  const [last, setLast] = useState<'save' | 'issue'>('save');
  const active = last === 'issue' ? issue : save;

  const input: Input<'bills.issue'> = {
    billId: bill.id,
    lines: lines.map((l) => ({ description: l.description, category: l.category, quantity: quantityOf(l.quantity), unitPaise: toPaise(l.price) })),
    ...(bill.patient.needsLatinName || bill.patient.latinName ? { patientLatinName: patientLatin } : {}),
    ...(bill.doctor && (bill.doctor.needsLatinName || bill.doctor.latinName) ? { doctorLatinName: doctorLatin } : {}),
  };
  // The preview: the lines that read as amounts, priced as the server will price them.
  const priced = input.lines
    .filter((l) => Number.isFinite(l.quantity) && Number.isFinite(l.unitPaise))
    .map((l) => lineTax({ quantity: l.quantity, unitPaise: l.unitPaise, rateBp: bill.taxes[l.category].rateBp }, bill.supply));
  const totals = billTotals(priced);

  const set = (key: number, change: Partial<DraftLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));
  const add = (kind: FeeKind | null) =>
    setLines((ls) => [...ls, draftLine(kind ? { ...FEE_LINES[kind], quantity: 1, unitPaise: bill.fees[kind] } : { description: '', category: 'other', quantity: 1, unitPaise: 0 })]);

  async function saveDraft() {
    setLast('save');
    const r = await save.submit(input);
    if (!r) return focusFirstInvalid();
    onSaved(r, t('billing.editor.saved'));
  }
  async function issueBill() {
    setLast('issue');
    const r = await issue.submit(input);
    setConfirming(false);
    if (!r) return focusFirstInvalid();
    onSaved(r, t('billing.editor.issuedNotice', { number: r.number }));
  }

  const err = (path: string) => active.fieldError(path);
  return (
    <Form label={t('billing.editor.formLabel')} onSubmit={() => setConfirming(true)}>
      {active.error && <Notice kind="error">{active.error}</Notice>}
      {(bill.patient.needsLatinName || bill.patient.latinName || (bill.doctor && (bill.doctor.needsLatinName || bill.doctor.latinName))) && (
        <div className="form__row">
          {(bill.patient.needsLatinName || bill.patient.latinName) && (
            <TextField
              label={t('billing.editor.patientLatin', { name: bill.patient.name })} hint={t('billing.editor.latinHint')} value={patientLatin}
              onChange={setPatientLatin} maxLength={100} required error={err('patientLatinName')}
            />
          )}
          {bill.doctor && (bill.doctor.needsLatinName || bill.doctor.latinName) && (
            <TextField
              label={t('billing.editor.doctorLatin', { name: bill.doctor.name })} hint={t('billing.editor.latinHint')} value={doctorLatin}
              onChange={setDoctorLatin} maxLength={100} required error={err('doctorLatinName')}
            />
          )}
        </div>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('billing.editor.lines')}>
        <table className="table bill-lines">
          <caption className="visually-hidden">{t('billing.editor.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('billing.columns.description')}</th>
              <th scope="col">{t('billing.columns.category')}</th>
              <th scope="col">{t('billing.columns.quantity')}</th>
              <th scope="col">{t('billing.columns.unitPrice')}</th>
              <th scope="col" className="num">{t('billing.columns.amount')}</th>
              <th scope="col"><span className="visually-hidden">{t('billing.columns.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const n = i + 1;
              const problems = ['description', 'category', 'quantity', 'unitPaise'].map((f) => err(`lines.${i}.${f}`)).filter(Boolean);
              const amount = quantityOf(l.quantity) * toPaise(l.price);
              return (
                <tr key={l.key}>
                  <td>
                    <input
                      aria-label={t('billing.editor.lineDescription', { n })} value={l.description} maxLength={200}
                      aria-invalid={err(`lines.${i}.description`) ? true : undefined} onChange={(e) => set(l.key, { description: e.target.value })}
                    />
                    {problems.length > 0 && <p className="field__error">{problems.join(' ')}</p>}
                  </td>
                  <td>
                    <select aria-label={t('billing.editor.lineCategory', { n })} value={l.category} onChange={(e) => set(l.key, { category: e.target.value as BillCategory })}>
                      {BILL_CATEGORIES.map((c) => (
                        <option key={c} value={c}>{t(`billing.categories.${c}`)}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      className="bill-lines__qty" aria-label={t('billing.editor.lineQuantity', { n })} inputMode="numeric" value={l.quantity} maxLength={3}
                      aria-invalid={err(`lines.${i}.quantity`) ? true : undefined} onChange={(e) => set(l.key, { quantity: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      className="bill-lines__price" aria-label={t('billing.editor.linePrice', { n })} inputMode="decimal" value={l.price} maxLength={16}
                      aria-invalid={err(`lines.${i}.unitPaise`) ? true : undefined} onChange={(e) => set(l.key, { price: e.target.value })}
                    />
                  </td>
                  <td className="num nowrap">{Number.isFinite(amount) ? rupees(amount) : '—'}</td>
                  <td>
                    <button type="button" className="btn btn--link" disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                      {t('billing.editor.remove')}
                      <span className="visually-hidden"> {t('billing.editor.lineNumber', { n })}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {err('lines') && <p className="field__error">{err('lines')}</p>}
      <div className="bill-add" role="group" aria-label={t('billing.editor.addGroup')}>
        {FEE_KINDS.map((k) => (
          <Button key={k} kind="secondary" onClick={() => add(k)}>
            {t('billing.editor.addKind', { kind: t(`billing.feeKinds.${k}`), amount: rupees(bill.fees[k]) })}
          </Button>
        ))}
        <Button kind="secondary" onClick={() => add(null)}>{t('billing.editor.addBlank')}</Button>
      </div>
      <BillTotals totals={totals} supply={bill.supply} />
      <p className="form__note">{t(bill.supply === 'none' ? 'billing.editor.noGstin' : 'billing.editor.taxNote')}</p>
      <div className="form__actions">
        <Button kind="secondary" onClick={() => void saveDraft()} busy={save.busy}>{t('billing.editor.save')}</Button>
        <Button type="submit" busy={issue.busy}>{t('billing.editor.issue')}</Button>
      </div>
      {confirming && (
        <Dialog title={t('billing.editor.confirmTitle')} onClose={() => setConfirming(false)}>
          <p>{t('billing.editor.confirmText', { amount: rupees(totals.totalPaise), name: bill.patient.name })}</p>
          <p className="form__note">{t('billing.editor.confirmNote')}</p>
          <div className="form__actions">
            <Button kind="secondary" onClick={() => setConfirming(false)}>{t('billing.editor.keepEditing')}</Button>
            <Button onClick={() => void issueBill()} busy={issue.busy}>{t('billing.editor.confirmIssue')}</Button>
          </div>
        </Dialog>
      )}
    </Form>
  );
}
