/**
 * Hosts MedLink may hand to the system browser: video consultations, and the public health pages the health
 * assistant's answers cite (resources/assistant; a test keeps the two in step). Every other URL stays closed.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'meet.jit.si', 'meet.google.com',
  'www.who.int', 'www.nhs.uk', 'ncvbdc.mohfw.gov.in', 'tbcindia.mohfw.gov.in', 'telemanas.mohfw.gov.in', 'anemiamuktbharat.info',
];

export function isAllowedExternal(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // No credentials or odd ports: a link that looks like an allowed host must really be one.
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && hosts.includes(parsed.hostname);
}
