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
