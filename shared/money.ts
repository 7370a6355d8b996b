// Money is integer paise everywhere; rupees appear only where a person reads or types them. The same helpers
// serve the screens, the receipts and the CSV export, so an amount reads the same wherever it is shown.

/** The largest amount MedLink handles (₹99,99,99,999.99): tax arithmetic on it stays exact in a double. */
export const MAX_PAISE = 99_99_99_999_99;

/**
 * Rupees typed by a person ("1,250", "1250.5", "₹ 1,23,456.78") as paise; null when it is not an amount:
 * more than two decimals, a sign, letters, misplaced separators, or more than MAX_PAISE.
 */
export function parseRupees(text: string): number | null {
  const s = text.replace(/^\s*(₹|rs\.?|inr)\s*/i, '').trim();
  // Digits with optional comma groups (Indian or international), or plain digits; then up to two decimals.
  const m = /^(\d{1,3}(?:,\d{2})*,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const paise = Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(paise) && paise <= MAX_PAISE ? paise : null;
}

/** Indian digit grouping of a whole number: 1234567 → "12,34,567". */
function groupIndian(whole: number): string {
  const digits = String(whole);
  if (digits.length <= 3) return digits;
  const head = digits.slice(0, -3);
  return `${head.replace(/\B(?=(\d{2})+$)/g, ',')},${digits.slice(-3)}`;
}

/** "₹1,23,456.78" (or without the sign: "1,23,456.78"); a negative amount as "−₹500.00". */
export function formatRupees(paise: number, options: { symbol?: boolean } = {}): string {
  const abs = Math.abs(paise);
  const text = `${options.symbol === false ? '' : '₹'}${groupIndian(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
  return paise < 0 ? `−${text}` : text;
}

/** Plain "1234.50" (no grouping, no sign): what a spreadsheet reads as a number. */
export const plainRupees = (paise: number): string => `${paise < 0 ? '-' : ''}${Math.floor(Math.abs(paise) / 100)}.${String(Math.abs(paise) % 100).padStart(2, '0')}`;

const ONES = [
  'Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve', 'Thirteen',
  'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen',
];
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];

/** 1–99: "Fifty-Three". */
function belowHundred(n: number): string {
  if (n < 20) return ONES[n]!;
  return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : '');
}

/**
 * A whole number in Indian words: crore, lakh, thousand, hundred, with "and" before the last part below a
 * hundred when something larger precedes it (One Thousand Two Hundred and Fifty-Three; One Lakh and Five).
 */
function indianWords(n: number): string {
  if (n === 0) return ONES[0]!;
  const parts: string[] = [];
  const crore = Math.floor(n / 1_00_00_000);
  if (crore) parts.push(`${indianWords(crore)} Crore`);
  const lakh = Math.floor(n / 1_00_000) % 100;
  if (lakh) parts.push(`${belowHundred(lakh)} Lakh`);
  const thousand = Math.floor(n / 1000) % 100;
  if (thousand) parts.push(`${belowHundred(thousand)} Thousand`);
  const hundred = Math.floor(n / 100) % 10;
  if (hundred) parts.push(`${ONES[hundred]} Hundred`);
  const rest = n % 100;
  if (rest) parts.push(parts.length ? `and ${belowHundred(rest)}` : belowHundred(rest));
  return parts.join(' ');
}

/** "Rupees One Thousand Two Hundred and Fifty-Three and Fifty Paise Only", as Indian receipts write a total. */
export function amountInWords(paise: number): string {
  const rupees = Math.floor(paise / 100);
  const p = paise % 100;
  const tail = p ? ` and ${belowHundred(p)} ${p === 1 ? 'Paisa' : 'Paise'}` : '';
  return `Rupees ${indianWords(rupees)}${tail} Only`;
}
