import { z } from 'zod';

// Imported first by main.tsx, before any schema is made: zod decides at creation whether to compile parsers with
// new Function, probing for it once. The window's CSP forbids eval, so the probe would only log a refusal.
z.config({ jitless: true });
