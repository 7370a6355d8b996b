import type { z } from 'zod';

/**
 * Turns schema issues into per-field catalog keys ("profile.email" -> "email_invalid"), the same on the
 * screen (checked before sending) and in the dispatcher (checked again, whatever the screen sent).
 */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = 'unknown_field';
    } else {
      // Schema messages are catalog keys; zod's own English (a wrong type) becomes the generic key.
      fields[issue.path.join('.') || '_'] ??= /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
    }
  }
  return fields;
}

const BASE64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_CHAR[c.charCodeAt(0)] = 1;

/**
 * True for standard base64 (its alphabet, whole groups of four, '=' padding at the end only). One pass over the
 * characters: a regular expression takes ten times as long on the half megabyte of an upload's chunk.
 */
export function isBase64(v: string): boolean {
  if (v.length % 4 !== 0) return false;
  const end = v.endsWith('==') ? v.length - 2 : v.endsWith('=') ? v.length - 1 : v.length;
  for (let i = 0; i < end; i++) if (BASE64_CHAR[v.charCodeAt(i)] !== 1) return false;
  return true;
}
