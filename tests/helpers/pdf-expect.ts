import { expect } from 'vitest';
import { MARGIN } from '../../electron/core/pdf/document';
import { outsideMargins, overlapping, readPdf, type PdfPage } from './pdf';

/** The document's pages, having checked each keeps its text inside the margins, without overlaps, numbered "Page n of m". */
export async function expectTidy(bytes: Uint8Array): Promise<PdfPage[]> {
  const { pages } = await readPdf(bytes);
  for (const [n, page] of pages.entries()) {
    expect(outsideMargins(page, MARGIN), `page ${n + 1}`).toEqual([]);
    expect(overlapping(page).map(([a, b]) => `${a.str} / ${b.str}`), `page ${n + 1}`).toEqual([]);
    expect(page.lines.at(-1)).toMatch(new RegExp(`Page ${n + 1} of ${pages.length}$`));
  }
  return pages;
}
