import type { ServerAddress } from '../../../shared/contract/seat';

const DEFAULT_PORT = '5432';

/** A postgres:// address from the fields a clinic's administrator fills in (no TLS settings: see withCa). */
export function serverUrl(server: Omit<ServerAddress, 'caCertificate'>): string {
  const host = server.host.includes(':') && !server.host.startsWith('[') ? `[${server.host}]` : server.host;
  const account = encodeURIComponent(server.user) + (server.password ? `:${encodeURIComponent(server.password)}` : '');
  return `postgres://${account}@${host}:${server.port}/${encodeURIComponent(server.database)}`;
}

/** The address, encrypted and checked against this CA: the server must present a certificate it signed, naming the host. */
export function withCa(url: string, caFile: string): string {
  const address = new URL(url);
  address.searchParams.set('sslmode', 'verify-full');
  address.searchParams.set('sslrootcert', caFile);
  return address.toString();
}

/** "host:port" of a postgres:// address, for messages (never its user or password); null when it is not one. */
export function serverLocation(url: string): string | null {
  try {
    const address = new URL(url);
    if (!/^postgres(ql)?:$/.test(address.protocol) || !address.hostname) return null;
    return `${address.hostname}:${address.port || DEFAULT_PORT}`;
  } catch {
    return null;
  }
}
