import { crc32, inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPng } from '../../electron/core/mail/qr-image';

/** Reads the PNG qrPng writes back, chunk by chunk (each CRC checked): width, height, header fields and pixel rows ('#' dark, '.' light). */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks = new Map<string, Buffer[]>();
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.set(type, [...(chunks.get(type) ?? []), data]);
    at += 12 + length;
  }
  expect([...chunks.keys()]).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks.get('IHDR')![0]!;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.get('IDAT')!));
  const rowBytes = Math.ceil(width / 8);
  expect(raw.length).toBe((rowBytes + 1) * height);
  const rows = Array.from({ length: height }, (_, y) => {
    const start = y * (rowBytes + 1);
    expect(raw[start], `row ${y} filter`).toBe(0);
    return Array.from({ length: width }, (_, x) => ((raw[start + 1 + (x >> 3)]! & (0x80 >> (x & 7))) === 0 ? '#' : '.')).join('');
  });
  return { width, height, depthAndType: [header[8], header[9]], rows };
}

describe('the QR image an email carries', () => {
  it.each(['K7M4XE', 'WXY237'])('%s: a one-bit PNG whose pixels are the modules qrcode works out, in a white quiet zone', (text) => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const png = readPng(qrPng(text, 6));
    const margin = 4;
    expect(png.depthAndType).toEqual([1, 0]);
    expect(png.width).toBe((modules.size + 2 * margin) * 6);
    expect(png.height).toBe(png.width);
    const expected = Array.from({ length: png.height }, (_, y) =>
      Array.from({ length: png.width }, (_, x) => {
        const row = Math.floor(y / 6) - margin;
        const col = Math.floor(x / 6) - margin;
        return row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col) ? '#' : '.';
      }).join(''),
    );
    expect(png.rows).toEqual(expected);
  });
});
