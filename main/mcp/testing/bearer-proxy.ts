import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BearerProxy {
  url: string;
  close: () => Promise<void>;
}

/**
 * A loopback HTTP proxy for a test client that cannot send a bearer token
 * (the conformance suite): it adds `Authorization: Bearer <token>` and
 * forwards everything else as it came, headers in their order and case,
 * answers streamed back. The one rewrite is the port in a loopback Host or
 * Origin naming the proxy, which becomes the server's, so the server judges
 * such a request as it would one sent to it directly; any other Host or
 * Origin (a rebinding attempt) passes untouched.
 */
export async function startBearerProxy(serverPort: number, token: string): Promise<BearerProxy> {
  let proxyPort = 0;
  const ownAddress = () => new RegExp(`^((?:http://)?(?:localhost|127\\.0\\.0\\.1|\\[::1\\])):${proxyPort}$`, 'i');

  const proxy = http.createServer((req, res) => {
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      let value = req.rawHeaders[i + 1] ?? '';
      if (/^authorization$/i.test(name)) continue;
      if (/^(host|origin)$/i.test(name)) value = value.replace(ownAddress(), `$1:${serverPort}`);
      headers.push(name, value);
    }
    headers.push('Authorization', `Bearer ${token}`);
    const upstream = http.request(
      { host: '127.0.0.1', port: serverPort, method: req.method, path: req.url, headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
  return {
    url: `http://localhost:${proxyPort}/mcp`,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
