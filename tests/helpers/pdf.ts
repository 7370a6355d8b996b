import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// Reading a PDF back as a person's PDF reader would, with pdf.js: the text of each page and where each piece sits.

export interface TextItem {
  str: string;
  /** Baseline start, in PDF points from the bottom left. */
  x: number;
  y: number;
  width: number;
  /** The font size. */
  height: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
  /** The page's text, a line per baseline (top to bottom), pieces in reading order joined by a space. */
  lines: string[];
}

export async function readPdf(bytes: Uint8Array): Promise<{ pages: PdfPage[]; info: Record<string, unknown> }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items = content.items
      .filter((i): i is typeof i & { str: string; transform: number[]; width: number; height: number } => 'str' in i && i.str.trim() !== '')
      .map((i) => ({ str: i.str, x: i.transform[4]!, y: i.transform[5]!, width: i.width, height: i.height }));
    const rows = new Map<number, TextItem[]>();
    for (const i of items) {
      const key = Math.round(i.y * 2) / 2;
      rows.set(key, [...(rows.get(key) ?? []), i]);
    }
    const lines = [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, row]) => row.sort((a, b) => a.x - b.x).map((i) => i.str).join(' '));
    pages.push({ width, height, items, lines });
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, info: info as Record<string, unknown> };
}

/** Text items that stick out of the margins (a glyph's box: a fifth of its size below the baseline, its size above). */
export function outsideMargins(page: PdfPage, margin: number): TextItem[] {
  const e = 0.5;
  return page.items.filter((i) => i.x < margin - e || i.x + i.width > page.width - margin + e || i.y - 0.2 * i.height < margin - e || i.y + i.height > page.height - margin + e);
}

/** Pairs of text items whose boxes overlap. */
export function overlapping(page: PdfPage): [TextItem, TextItem][] {
  const box = (i: TextItem) => ({ left: i.x, right: i.x + i.width, bottom: i.y - 0.2 * i.height, top: i.y + 0.8 * i.height });
  const pairs: [TextItem, TextItem][] = [];
  page.items.forEach((a, n) => {
    for (const b of page.items.slice(n + 1)) {
      const p = box(a);
      const q = box(b);
      if (p.left < q.right - 0.01 && q.left < p.right - 0.01 && p.bottom < q.top - 0.01 && q.bottom < p.top - 0.01) pairs.push([a, b]);
    }
  });
  return pairs;
}
