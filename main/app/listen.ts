import type { Server } from 'node:http';
import { UserFacingError } from '../errors';

export class ListenError extends UserFacingError {}

/**
 * Starts listening, turning the usual failures into one line that says what
 * to do. Once listening, later server errors (running out of file handles,
 * say) are reported to `onLaterError` instead of crashing the process.
 */
export function listen(
  server: Server,
  port: number,
  host: string,
  onLaterError: (error: Error) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new ListenError(
            `port ${port} on ${host} is already in use; choose another with --port (or --port 0 for any free port)`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(
          new ListenError(`not allowed to listen on port ${port} on ${host}; choose a port above 1023 with --port`),
        );
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(new ListenError(`cannot listen on ${host}: no such address on this machine (check --host)`));
      } else {
        reject(error);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      server.on('error', onLaterError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Stops accepting, lets requests in flight finish, and gives up on stragglers after `graceMs`. */
export function stopListening(server: Server, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
