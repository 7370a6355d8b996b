// What an uploaded image really is, from its first bytes: a name or a claimed type proves nothing.

export type ImageMime = 'image/jpeg' | 'image/png';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * image/png: the 8-byte signature followed by the IHDR chunk, as every PNG starts; image/jpeg: the SOI marker
 * (FF D8) followed by another marker (FF C0 to FF FE). Anything else: null.
 */
export function imageTypeOf(bytes: Buffer): ImageMime | null {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.subarray(12, 16).toString('latin1') === 'IHDR') return 'image/png';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3]! >= 0xc0 && bytes[3]! <= 0xfe) return 'image/jpeg';
  return null;
}
