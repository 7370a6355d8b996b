// One email, laid out twice: an HTML part with inline styles (mail clients ignore style sheets) and a plain-text
// alternative. Everything that reaches the HTML is escaped here, whoever wrote it.

export type Block =
  | { type: 'p'; text: string }
  | { type: 'details'; rows: [label: string, value: string][] }
  /** Someone's own words (a reason), set apart. */
  | { type: 'quote'; text: string }
  /** Something to copy exactly (an invitation code). */
  | { type: 'code'; label: string; text: string }
  | { type: 'link'; label: string; url: string }
  /** A QR code of `qr` the message carries inline as the image `filename`, shown by its Content-ID; left out of the text part. */
  | { type: 'image'; cid: string; filename: string; alt: string; qr: string };

export interface Layout {
  language: string;
  clinicName: string;
  heading: string;
  blocks: Block[];
  signoff: string[];
  footer: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
/** Escaped, with line breaks kept. */
const html = (s: string) => escapeHtml(s).replace(/\r\n|\r|\n/g, '<br>');

/** Only web links become links; anything else (javascript:, data:) is shown as text. */
const isWebUrl = (url: string) => /^https?:\/\/[^\s"'<>]+$/i.test(url);

const FONT = "font-family:Arial,'Noto Sans','Noto Sans Devanagari','Nirmala UI',sans-serif";
const P = 'margin:0 0 16px';

function blockHtml(b: Block): string {
  switch (b.type) {
    case 'p':
      return `<p style="${P}">${html(b.text)}</p>`;
    case 'quote':
      return `<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #cbd2d9;background:#f5f7fa">${html(b.text)}</blockquote>`;
    case 'code':
      return `<p style="${P}">${html(b.label)}:<br><strong style="display:inline-block;margin-top:4px;padding:8px 12px;font-family:Consolas,'Courier New',monospace;font-size:20px;letter-spacing:2px;background:#f5f7fa;border:1px solid #cbd2d9;border-radius:4px">${html(b.text)}</strong></p>`;
    case 'link':
      return isWebUrl(b.url)
        ? `<p style="${P}"><a href="${escapeHtml(b.url)}" style="display:inline-block;padding:10px 18px;background:#0b6e6e;color:#ffffff;text-decoration:none;border-radius:4px">${html(b.label)}</a><br><span style="font-size:13px;color:#52606d">${html(b.url)}</span></p>`
        : `<p style="${P}">${html(b.label)}: ${html(b.url)}</p>`;
    case 'image':
      return `<p style="${P}"><img src="cid:${escapeHtml(b.cid)}" alt="${escapeHtml(b.alt)}" style="display:block;border:0"></p>`;
    case 'details':
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:0 0 16px">${b.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:6px 12px 6px 0;border-bottom:1px solid #e4e7eb;color:#52606d;font-weight:normal;width:35%">${html(label)}</th>` +
            `<td style="vertical-align:top;padding:6px 0;border-bottom:1px solid #e4e7eb">${html(value)}</td></tr>`,
        )
        .join('')}</table>`;
  }
}

export function toHtml(l: Layout, subject: string): string {
  return [
    `<!DOCTYPE html><html lang="${escapeHtml(l.language)}"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f6f8">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f8"><tr><td align="center" style="padding:24px 12px">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;${FONT};color:#1f2933;font-size:16px;line-height:1.5">`,
    `<tr><td style="background:#0b6e6e;color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0">${html(l.clinicName)}</td></tr>`,
    `<tr><td style="padding:24px">`,
    `<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">${html(l.heading)}</h1>`,
    ...l.blocks.map(blockHtml),
    `<p style="margin:24px 0 0">${l.signoff.map(html).join('<br>')}</p>`,
    `</td></tr>`,
    `<tr><td style="padding:16px 24px;font-size:13px;color:#52606d;border-top:1px solid #e4e7eb">${html(l.footer)}</td></tr>`,
    `</table></td></tr></table></body></html>`,
  ].join('\n');
}

function blockText(b: Block): string | null {
  switch (b.type) {
    case 'image':
      return null;
    case 'p':
      return b.text;
    case 'quote':
      return b.text.split(/\r\n|\r|\n/).map((line) => `> ${line}`).join('\n');
    case 'code':
      return `${b.label}: ${b.text}`;
    case 'link':
      return `${b.label}: ${b.url}`;
    case 'details':
      return b.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
  }
}

export function toText(l: Layout): string {
  return [l.heading, ...l.blocks.map(blockText).filter((t) => t !== null), l.signoff.join('\n'), '--', l.footer].join('\n\n') + '\n';
}
