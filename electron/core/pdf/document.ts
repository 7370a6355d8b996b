// MedLink's PDF layout: A4 documents of text (prescriptions here; the receipts' module is being written beside it
// and the two are to become one) drawn with pdf-lib and the Noto Sans fonts shipped in resources/fonts.
//
//   const doc = await newDocument({ title, author, subject, createdAt, footer });
//   doc.row([{ text: 'Sunrise Clinic', width: 0.6, bold: true, size: 14 }, { text: 'Prescription', width: 0.4, align: 'right' }]);
//   doc.rule();
//   doc.fields([['Patient', 'Asha Kulkarni']]);
//   doc.table(columns, rows);
//   const bytes = await doc.finish();
//
// Text is measured with the font's widths and wrapped at spaces (a word wider than its cell is split); a block
// that does not fit starts a new page. The same input gives the same bytes: fixed dates (the caller's
// createdAt), no random ids. pdf-lib does not shape complex scripts: characters the fonts lack print as '?'.
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { resourcePath } from '../resources';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 48;
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

/** One cell of a row: its text and its share of the text width. */
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
  /** The document's creation and modification dates: a re-print of the same document is identical. */
  createdAt: Date;
  /** Printed at the foot of every page, beside "n / m". */
  footer?: string;
}

// Read once per process: the fonts never change while MedLink runs.
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;
const fontFiles = () =>
  (fonts ??= { regular: readFileSync(resourcePath('fonts/NotoSans-Regular.ttf')), bold: readFileSync(resourcePath('fonts/NotoSans-Bold.ttf')) });

/** `text` with each character the font cannot draw replaced by '?'. */
function printable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  return [...text].map((c) => (known.has(c.codePointAt(0)!) || c === '\n' ? c : '?')).join('');
}

/** `text` broken into lines no wider than `width`: at spaces, and inside a word only when it alone is too wide. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const tried = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(tried, size) <= width) {
        line = tried;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export async function newDocument(info: DocumentInfo): Promise<PdfWriter> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const { regular, bold } = fontFiles();
  // Subsetting names each subset with a random tag; whole fonts keep the output the same every time.
  const writer = new PdfWriter(pdf, await pdf.embedFont(regular, { subset: false }), await pdf.embedFont(bold, { subset: false }), info);
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setAuthor(info.author);
  pdf.setSubject(info.subject);
  pdf.setProducer('MedLink');
  pdf.setCreator('MedLink');
  pdf.setCreationDate(info.createdAt);
  pdf.setModificationDate(info.createdAt);
  return writer;
}

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly textWidth = A4.width - 2 * MARGIN;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly info: DocumentInfo,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }

  /** Starts a new page unless `height` points still fit above the footer. */
  keep(height: number): void {
    if (this.y - height < MARGIN + FOOTER_SPACE) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  text(text: string, style: TextStyle = {}): void {
    this.row([{ text, width: 1, ...style }]);
  }

  private layout(cells: readonly Cell[]) {
    const laid = cells.map((c) => {
      const font = c.bold ? this.bold : this.regular;
      const size = c.size ?? BODY_SIZE;
      // The cell's share of the text width, less the gap to the next cell.
      const room = c.width * this.textWidth - GUTTER;
      return { ...c, font, size, room, lines: wrap(printable(c.text, font), font, size, room) };
    });
    return { laid, height: Math.max(...laid.map((c) => c.lines.length * c.size * LEADING)) };
  }

  private draw({ laid, height }: ReturnType<PdfWriter['layout']>) {
    let x = MARGIN;
    for (const c of laid) {
      c.lines.forEach((line, i) => {
        const lineWidth = c.font.widthOfTextAtSize(line, c.size);
        const offset = c.align === 'right' ? c.room - lineWidth : c.align === 'center' ? (c.room - lineWidth) / 2 : 0;
        this.page.drawText(line, { x: x + offset, y: this.y - (i + 1) * c.size * LEADING + c.size * 0.3, size: c.size, font: c.font, color: c.muted ? MUTED : INK });
      });
      x += c.width * this.textWidth;
    }
    this.y -= height;
  }

  /** Cells side by side, each wrapped within its share of the width; the row is as tall as its tallest cell. */
  row(cells: readonly Cell[]): void {
    const row = this.layout(cells);
    this.keep(row.height);
    this.draw(row);
  }

  rule(): void {
    this.keep(8);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4.width - MARGIN, y: this.y }, thickness: 0.6, color: RULE });
    this.y -= 4;
  }

  /** Label and value pairs, one per line. */
  fields(pairs: readonly [label: string, value: string][], labelWidth = 0.3): void {
    for (const [label, value] of pairs) this.row([{ text: label, width: labelWidth, muted: true }, { text: value, width: 1 - labelWidth }]);
  }

  /** A table: its header in bold over a rule, then its rows; the header is repeated on every page it runs onto. */
  table(columns: readonly Column[], rows: readonly string[][]): void {
    const header = () => {
      this.row(columns.map((c) => ({ text: c.header, width: c.width, bold: true, align: c.align })));
      this.rule();
    };
    header();
    for (const r of rows) {
      const row = this.layout(columns.map((c, i) => ({ text: r[i] ?? '', width: c.width, align: c.align })));
      if (this.y - row.height < MARGIN + FOOTER_SPACE) {
        this.newPage();
        header();
      }
      this.draw(row);
    }
  }

  async finish(): Promise<Uint8Array> {
    const pages = this.pdf.getPages();
    pages.forEach((page, i) => {
      const label = `${i + 1} / ${pages.length}`;
      const size = 7.5;
      if (this.info.footer) page.drawText(printable(this.info.footer, this.regular), { x: MARGIN, y: MARGIN / 2, size, font: this.regular, color: MUTED });
      page.drawText(label, { x: A4.width - MARGIN - this.regular.widthOfTextAtSize(label, size), y: MARGIN / 2, size, font: this.regular, color: MUTED });
    });
    return this.pdf.save({ useObjectStreams: false });
  }
}
