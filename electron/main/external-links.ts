import { GOOGLE_ACCOUNTS_HOST, httpsUrl, isVideoLink } from '../../shared/video';

/**
 * Links MedLink may hand to the system browser: https video links (known services, and `clinicHosts`: the clinic's
 * own Jitsi server) and Google's consent page. Every other URL stays closed.
 */
export function isAllowedExternal(url: string, clinicHosts: readonly string[] = []): boolean {
  return isVideoLink(url, clinicHosts) || httpsUrl(url)?.hostname === GOOGLE_ACCOUNTS_HOST;
}
