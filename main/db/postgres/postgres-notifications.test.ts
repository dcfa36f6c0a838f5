import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger';
import { listenForNotifications } from './postgres-notifications';

/** A server that accepts connections and never answers: a Postgres that hangs during the handshake. */
async function startSilentServer() {
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    open.add(socket);
    // Read (and drop) what arrives, or the client's FIN is never seen.
    socket.resume();
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    openSockets: () => open.size,
    stop: () => {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('listening for Postgres notifications', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it('leaves no socket open once close resolves, even while still connecting', async () => {
    const server = await startSilentServer();
    stops.push(server.stop);
    const handle = listenForNotifications(
      server.url,
      'any_channel',
      { onNotification: () => undefined, onListening: () => undefined },
      createLogger('silent'),
    );
    await expect.poll(() => server.openSockets(), { timeout: 2000 }).toBe(1);
    await handle.close();
    // The server sees the close a moment later; the connect timeout (5 s) is far longer than this wait.
    await expect.poll(() => server.openSockets(), { timeout: 1000 }).toBe(0);
  });
});
