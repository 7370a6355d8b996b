// Video links: where they come from, and which addresses MedLink accepts as a link and may open in the system browser.

/** Where an appointment's link comes from: a Meet event MedLink made, a Jitsi room, or the doctor's own link. */
export const VIDEO_PROVIDERS = ['google_meet', 'jitsi', 'own'] as const;
export type VideoProvider = (typeof VIDEO_PROVIDERS)[number];

/** Video services a doctor's own link may be on (their subdomains too, such as us02web.zoom.us). */
export const VIDEO_SERVICES = ['meet.google.com', 'meet.jit.si', 'zoom.us', 'teams.microsoft.com', 'teams.live.com', 'webex.com', 'whereby.com'] as const;

/** The public Jitsi server: its first participant must sign in as moderator. */
export const PUBLIC_JITSI = 'https://meet.jit.si';

/** Google's sign-in host, where the consent page of "Connect Google" lives. */
export const GOOGLE_ACCOUNTS_HOST = 'accounts.google.com';

/** The URL when it is a plain https address (no user name or password, no port of its own); otherwise null. */
export function httpsUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && url.hostname.includes('.') ? url : null;
}

/** The host is one of these or a subdomain of one. */
export const onHosts = (host: string, hosts: readonly string[]) => hosts.some((h) => host === h || host.endsWith(`.${h}`));

/** A consultation link MedLink shows and opens: https, on a known video service or the clinic's own Jitsi server. */
export function isVideoLink(value: string, clinicHosts: readonly string[] = []): boolean {
  const url = httpsUrl(value);
  return !!url && onHosts(url.hostname, [...VIDEO_SERVICES, ...clinicHosts]);
}
