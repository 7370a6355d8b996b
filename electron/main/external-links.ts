import { GOOGLE_ACCOUNTS_HOST, httpsUrl, isVideoLink } from '../../shared/video';

/** Sites of the public health pages the health assistant's answers cite (resources/assistant; a test keeps them in step). */
const HEALTH_SOURCES = ['www.who.int', 'www.nhs.uk', 'ncvbdc.mohfw.gov.in', 'tbcindia.mohfw.gov.in', 'telemanas.mohfw.gov.in', 'anemiamuktbharat.info'];

/**
 * Links MedLink may hand to the system browser: https video links (known services, and `clinicHosts`: the clinic's
 * own Jitsi server), Google's consent page and the health assistant's sources. Every other URL stays closed.
 */
export function isAllowedExternal(url: string, clinicHosts: readonly string[] = []): boolean {
  const host = httpsUrl(url)?.hostname;
  return isVideoLink(url, clinicHosts) || host === GOOGLE_ACCOUNTS_HOST || (host !== undefined && HEALTH_SOURCES.includes(host));
}
