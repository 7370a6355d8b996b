import { zonedInstant } from '../../../shared/clinic-time';
import { IMPORT_COLUMNS, MEASURES, readingProblems, type InputUnit, type Measure } from '../../../shared/monitoring';
import { DomainError } from '../context';

// A month of readings from a CSV file in the template (shared/monitoring.ts IMPORT_COLUMNS): each line checked as
// quick entry checks one reading, each bad line named by its number with what is wrong with it.

export interface CsvReading {
  line: number;
  measure: Measure;
  value: number;
  unit?: InputUnit;
  diastolic?: number;
  pulse?: number;
  takenAt: string;
  note?: string;
}
export interface CsvProblem {
  line: number;
  /** A catalog key of the screens' `validation` section. */
  key: string;
}

/** What a person (or a spreadsheet) writes for a unit → the unit it is. */
const UNITS: Record<string, InputUnit> = { 'mg/dl': 'mg_dl', mg_dl: 'mg_dl', 'mmol/l': 'mmol_l', mmol_l: 'mmol_l', c: 'c', '°c': 'c', f: 'f', '°f': 'f' };
const NOTE_MAX = 300;

/** One physical line's fields: commas separate, double quotes enclose a field with commas ("" is a quote). Null: a quote left open. */
export function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (line[i + 1] === '"') (field += '"'), i++;
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') fields.push(field), (field = '');
    else field += c;
  }
  if (quoted) return null;
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** 'YYYY-MM-DD', or 'DD/MM/YYYY' as spreadsheets in India save it, as 'YYYY-MM-DD'; null when neither. */
function isoDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1]!, iso[2]!, iso[3]!] : dmy ? [dmy[3]!, dmy[2]!, dmy[1]!] : [];
  return y === undefined ? null : `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

const number = (text: string) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null);

function readLine(fields: string[], line: number, timeZone: string, latestMs: number): CsvReading | string {
  if (fields.length < 4 || fields.slice(IMPORT_COLUMNS.length).some((f) => f !== '')) return 'import_columns';
  const [dateText, timeText, measureText, valueText, unitText = '', diastolicText = '', pulseText = '', note = ''] = fields as [string, string, string, string, ...string[]];
  const date = isoDate(dateText);
  const time = /^(\d{1,2}):(\d{2})$/.exec(timeText);
  if (!date) return 'import_date';
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59) return 'import_time';
  let at: Date | null;
  try {
    at = zonedInstant(date, `${time[1]!.padStart(2, '0')}:${time[2]}`, timeZone);
  } catch {
    return 'import_date';
  }
  if (!at) return 'import_time';
  if (at.getTime() > latestMs) return 'reading_time_future';
  const measure = measureText.toLowerCase() as Measure;
  if (!MEASURES.includes(measure)) return 'import_measure';
  const value = number(valueText);
  if (value === null) return 'import_value';
  const unit = unitText ? UNITS[unitText.toLowerCase()] : undefined;
  if (unitText && !unit) return 'reading_unit_invalid';
  const diastolic = diastolicText ? number(diastolicText) : undefined;
  const pulse = pulseText ? number(pulseText) : undefined;
  if (diastolic === null) return 'import_value';
  if (pulse === null) return 'pulse_implausible';
  if (note.length > NOTE_MAX) return 'import_note_too_long';
  const reading = { measure, value, unit, diastolic, pulse };
  const problem = Object.values(readingProblems(reading))[0];
  if (problem) return problem;
  return { line, ...reading, takenAt: at.toISOString(), ...(note ? { note } : {}) };
}

/**
 * The readings of a CSV file in the template and its bad lines. Times are the clinic's wall clock (`timeZone`); a
 * reading after `latestMs` is in the future. A file whose first line is not the template's header is refused whole.
 */
export function parseReadingsCsv(text: string, timeZone: string, latestMs: number): { readings: CsvReading[]; problems: CsvProblem[]; lines: number } {
  const rows = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const header = csvFields(rows[0] ?? '')?.map((h) => h.toLowerCase());
  // A spreadsheet may add empty columns after the last; the named ones must be the template's, in its order.
  if (!header || header.join(',').replace(/,+$/, '') !== IMPORT_COLUMNS.join(',')) {
    throw new DomainError('VALIDATION', `This file is not in the readings template: its first line must be "${IMPORT_COLUMNS.join(',')}". Download the template and copy your readings into it.`, { fields: { file: 'import_template' } });
  }
  const readings: CsvReading[] = [];
  const problems: CsvProblem[] = [];
  let lines = 0;
  for (let i = 1; i < rows.length; i++) {
    const fields = csvFields(rows[i]!);
    if (fields?.every((f) => f === '')) continue;
    lines++;
    const read = fields ? readLine(fields, i + 1, timeZone, latestMs) : 'import_quote';
    if (typeof read === 'string') problems.push({ line: i + 1, key: read });
    else readings.push(read);
  }
  return { readings, problems, lines };
}
