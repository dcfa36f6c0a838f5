import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJsonText } from './responses';

let server: http.Server | undefined;

afterEach(async () => {
  await new Promise<unknown>((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** Serves one answer from `send` and reads it back raw, as a client would. */
async function fetchFrom(send: (res: http.ServerResponse) => void): Promise<Response> {
  server = http.createServer((_req, res) => send(res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return fetch(`http://127.0.0.1:${port}/`);
}

describe('sendJsonText', () => {
  it('writes parts as one body whose Content-Length counts bytes, not characters', async () => {
    const parts = ['{"a":"é","b":', '"😀 \\"quoted\\""', ',"c":[', '"xxx"', ']}'];
    const response = await fetchFrom((res) => sendJsonText(res, 200, parts));
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.toString('utf8')).toBe(parts.join(''));
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeGreaterThan(parts.join('').length);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('transfer-encoding')).toBeNull();
  });

  it('writes a whole text the same way', async () => {
    const response = await fetchFrom((res) => sendJsonText(res, 201, '{"ok":"ü"}', { 'x-extra': '1' }));
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('{"ok":"ü"}');
    expect(response.headers.get('content-length')).toBe('11');
    expect(response.headers.get('x-extra')).toBe('1');
  });
});
