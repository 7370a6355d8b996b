// MedLink's PDF layout: A4 documents of text (receipts, credit notes, prescriptions, the printed day lists and
// slips) drawn with pdf-lib and the Noto Sans fonts shipped in resources/fonts (so ₹ and accented Latin print).
//
//   const doc = await newDocument({ title, author, subject, createdAt, footer });
//   doc.row([{ text: 'Sunrise Clinic', width: 0.6, bold: true, size: 14 }, { text: 'Receipt', width: 0.4, align: 'right' }]);
//   doc.rule();
//   doc.fields([['Patient', 'Asha Kulkarni'], ['Patient no.', '12']]);
//   doc.table(columns, rows);             // header repeated on every page the table runs onto
//   const bytes = await doc.finish();     // "Page n of m" footers, then the bytes
//
// Text is measured with the font's own widths and wrapped at word boundaries (a word wider than its cell is
// split); a block that does not fit on the page starts a new one. Every page keeps its text inside the margins.
// Output is byte-identical for the same input: fixed metadata dates (the caller's createdAt), fixed font
// names, no random ids. pdf-lib does not shape complex scripts (Devanagari and the like): `unprintable` names
// the characters a text holds that the fonts cannot draw, so callers can ask for a Latin spelling instead; any
// such character still left prints as '?'.
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { resourcePath } from '../resources';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 48;
const FOOTER_SIZE = 7.5;
/** Space kept for the footer line at the foot of the text area. */
const FOOTER_SPACE = 22;
const GUTTER = 8;
const LEADING = 1.32;
export const BODY_SIZE = 9;

const INK = rgb(0.12, 0.16, 0.2);
const MUTED = rgb(0.33, 0.38, 0.44);
const RULE = rgb(0.72, 0.76, 0.8);

export type Align = 'left' | 'right' | 'center';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  muted?: boolean;
  align?: Align;
}

/** One cell of a row: its text and its share of the text width (a row's shares add up to 1 or less). */
export interface Cell extends TextStyle {
  text: string;
  width: number;
}

export interface Column {
  header: string;
  width: number;
  align?: Align;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  /** Written as the document's creation and modification dates: a re-print of the same document is identical. */
  createdAt: Date;
  /** Printed at the foot of every page, left of "Page n of m". */
  footer?: string;
}

interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

// The font files and their parsed form are read once per process: they never change while MedLink runs, and
// parsing half a megabyte of TrueType for every document would cost more than laying the document out.
let files: FontFiles | undefined;
const parsed = new Map<Uint8Array, fontkit.Font>();
const fontFiles = (): FontFiles =>
  (files ??= { regular: readFileSync(resourcePath('fonts/NotoSans-Regular.ttf')), bold: readFileSync(resourcePath('fonts/NotoSans-Bold.ttf')) });

/**
 * The font as pdf-lib sees it, with a layout of one glyph per character. fontkit's own layout runs the full
 * OpenType shaper (about half a millisecond per string, and wrapping measures many); the scripts these fonts
 * draw need no shaping, and pdf-lib writes no kerning anyway, so the widths measured are the widths drawn.
 * Each glyph keeps its character, so the text stays selectable and searchable.
 */
function simpleLayout(font: fontkit.Font): fontkit.Font {
  const glyphs = new Map<number, fontkit.Glyph>();
  const glyphOf = (cp: number) => glyphs.get(cp) ?? glyphs.set(cp, font.glyphForCodePoint(cp)).get(cp)!;
  const layout = (text: string) => {
    const run = [...text].map((ch) => glyphOf(ch.codePointAt(0)!));
    return { glyphs: run, positions: run.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })) };
  };
  return new Proxy(font, {
    get: (target, key) => {
      if (key === 'layout') return layout;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** fontkit for pdf-lib, handing back the font it parsed before for the same bytes (subsets are made per document). */
const cachedFontkit = {
  create(bytes: Uint8Array) {
    let font = parsed.get(bytes);
    if (!font) parsed.set(bytes, (font = simpleLayout(fontkit.create(bytes))));
    return font;
  },
};

/** The characters of `text` the fonts cannot draw (in order of appearance, each once). */
export function unprintable(text: string): string[] {
  const font = cachedFontkit.create(fontFiles().regular);
  const missing = new Set<string>();
  for (const ch of text) if (!/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
  return [...missing];
}

/** `text` with each character the fonts cannot draw shown as '?'. */
function printable(text: string): string {
  const missing = unprintable(text);
  return missing.length ? [...text].map((ch) => (missing.includes(ch) ? '?' : ch)).join('') : text;
}

export async function newDocument(info: DocumentInfo): Promise<PdfWriter> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(cachedFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const f = fontFiles();
  // Fixed names: pdf-lib would otherwise add a suffix to each font's name.
  const regular = await pdf.embedFont(f.regular, { subset: true, customName: 'NotoSans-Regular' });
  const bold = await pdf.embedFont(f.bold, { subset: true, customName: 'NotoSans-Bold' });
  pdf.setTitle(info.title);
  pdf.setAuthor(info.author);
  pdf.setSubject(info.subject);
  pdf.setCreator('MedLink');
  pdf.setProducer('MedLink');
  pdf.setCreationDate(info.createdAt);
  pdf.setModificationDate(info.createdAt);
  return new PdfWriter(pdf, { regular, bold }, info.footer ?? '');
}

/** Splits text into lines no wider than `width` at `size`: at spaces, and inside a word only when it alone is too wide. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (!fits(rest)) {
        let cut = 1;
        while (cut < rest.length && fits(rest.slice(0, cut + 1))) cut++;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export class PdfWriter {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  /** The baseline area still free runs from here down to the bottom of the text area. */
  private y = 0;
  /** Drawn at the top of each page a table continues onto (its header). */
  private continuation: (() => void) | null = null;

  /** The width text can take between the margins. */
  readonly width = A4.width - 2 * MARGIN;
  private readonly bottom = MARGIN + FOOTER_SPACE;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly footer: string,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN;
    this.continuation?.();
  }

  private font(style: TextStyle): PDFFont {
    return style.bold ? this.fonts.bold : this.fonts.regular;
  }

  /** Starts a new page unless `height` points are still free on this one. */
  keep(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  space(points: number): void {
    this.y = Math.max(this.bottom, this.y - points);
  }

  /** A paragraph across the whole width. */
  text(text: string, style: TextStyle = {}): void {
    this.row([{ ...style, text, width: 1 }]);
  }

  /** Cells side by side, each wrapped in its share of the width; the row moves to the next page whole if it must. */
  row(cells: readonly Cell[]): void {
    let x = MARGIN;
    const laid = cells.map((c, i) => {
      const size = c.size ?? BODY_SIZE;
      const left = i === 0 ? 0 : GUTTER / 2;
      const right = i === cells.length - 1 ? 0 : GUTTER / 2;
      const from = x + left;
      const inner = c.width * this.width - left - right;
      x += c.width * this.width;
      return { c, size, from, inner, lines: wrap(printable(c.text), this.font(c), size, inner) };
    });
    // The cells' first lines share a baseline (a large name beside a smaller title), set by the largest size.
    const first = Math.max(...laid.map((l) => l.size));
    const height = Math.max(...laid.map((l) => first + (l.lines.length - 1) * l.size * LEADING + (LEADING - 1) * l.size));
    this.keep(height);
    for (const { c, size, from, inner, lines } of laid) {
      const font = this.font(c);
      lines.forEach((line, n) => {
        const w = font.widthOfTextAtSize(line, size);
        const at = c.align === 'right' ? from + inner - w : c.align === 'center' ? from + (inner - w) / 2 : from;
        this.page.drawText(line, { x: at, y: this.y - first - n * LEADING * size, size, font, color: c.muted ? MUTED : INK });
      });
    }
    this.y -= height;
  }

  /** A thin line across the width, with space above and below: between a document's sections. */
  rule(): void {
    this.keep(12);
    this.y -= 5;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4.width - MARGIN, y: this.y }, thickness: 0.6, color: RULE });
    this.y -= 7;
  }

  /** Label and value pairs, one pair a row. */
  fields(pairs: readonly [label: string, value: string][], labelWidth = 0.3): void {
    for (const [label, value] of pairs) this.row([{ text: label, width: labelWidth, muted: true }, { text: value, width: 1 - labelWidth }]);
  }

  /** A square PNG (a QR code), `side` points wide, at the left margin. */
  async image(png: Uint8Array, side: number): Promise<void> {
    const image = await this.pdf.embedPng(png);
    this.keep(side);
    this.page.drawImage(image, { x: MARGIN, y: this.y - side, width: side, height: side });
    this.y -= side;
  }

  /**
   * A table: bold header, then each row wrapped in its columns; the header is repeated on every following page,
   * under `continued` (what the table is of, e.g. "Dr Mehta (continued)") when given.
   */
  table(columns: readonly Column[], rows: readonly string[][], options: { boldRows?: ReadonlySet<number>; continued?: string } = {}): void {
    const header = () => {
      this.row(columns.map((c) => ({ text: c.header, width: c.width, align: c.align, bold: true, size: BODY_SIZE - 0.5 })));
      this.y -= 2;
      this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4.width - MARGIN, y: this.y }, thickness: 0.4, color: RULE });
      this.y -= 4;
    };
    // Never a header alone at the foot of a page.
    this.keep(3 * BODY_SIZE * LEADING + 6);
    header();
    const { continued } = options;
    this.continuation = continued
      ? () => {
          this.text(continued, { bold: true });
          this.y -= 4;
          header();
        }
      : header;
    try {
      rows.forEach((r, i) => {
        this.row(columns.map((c, k) => ({ text: r[k] ?? '', width: c.width, align: c.align, bold: options.boldRows?.has(i) })));
        this.y -= 2;
      });
    } finally {
      this.continuation = null;
    }
  }

  /** Numbers the pages ("Page 1 of 2") beside the footer text, then writes the document. */
  async finish(): Promise<Uint8Array> {
    const font = this.fonts.regular;
    this.pages.forEach((page, i) => {
      const number = `Page ${i + 1} of ${this.pages.length}`;
      const numberWidth = font.widthOfTextAtSize(number, FOOTER_SIZE);
      const y = MARGIN + 2;
      page.drawText(number, { x: A4.width - MARGIN - numberWidth, y, size: FOOTER_SIZE, font, color: MUTED });
      const note = wrap(printable(this.footer), font, FOOTER_SIZE, this.width - numberWidth - GUTTER)[0] ?? '';
      if (note) page.drawText(note, { x: MARGIN, y, size: FOOTER_SIZE, font, color: MUTED });
    });
    return this.pdf.save();
  }
}
