import { isIP } from 'node:net';
import { DEFAULT_DESKTOP_PORT } from '../../shared/desktop';

export const DEFAULT_HOST = '127.0.0.1';
/** One port for `serve` and the desktop app alike, so a client set up against one reaches the other. */
export const DEFAULT_PORT = DEFAULT_DESKTOP_PORT;

/** The addresses that reach only this computer, as written to listen on them. */
const LOOPBACK_ADDRESSES: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

export const isLoopbackAddress = (host: string) => LOOPBACK_ADDRESSES.includes(host);

/** How a listening address is written in a URL (and so in a Host header) that people and agents can use. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** The loopback names as a Host header carries them (IPv6 in brackets). */
export const LOOPBACK_URL_HOSTS: readonly string[] = LOOPBACK_ADDRESSES.map(urlHost);
