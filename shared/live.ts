// What the core tells the screens when something they may show has changed: a kind and an id, never the data.
// Each screen then reads again through its own channel, which checks who is asking.

export const LIVE_TOPICS = ['appointments', 'doctors', 'mail', 'alerts', 'monitoring', 'waitlist'] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

/**
 * `all`: read everything again. Sent when a screen's feed resumes after a gap its seat cannot replay (the
 * seat restarted, or lost contact with the other seats for a while), so that nothing missed stays missed.
 */
export type LiveEvent = { topic: LiveTopic; id: number | null } | { topic: 'all'; id: null };
