import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** With `chunks`: how many had been written when the answer arrived. */
  chunksSent: number;
}

export interface RawRequest {
  port: number;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sends the body in pieces without a Content-Length, as a streaming client would. */
  chunks?: Buffer[];
}

/**
 * One request with exactly the headers given (fetch would rewrite Host and
 * add its own), for testing what the server does with hostile input.
 */
export function rawRequest(options: RawRequest): Promise<RawResponse> {
  let chunksSent = 0;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/mcp',
        headers: { host: `127.0.0.1:${options.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            chunksSent,
          }),
        );
      },
    );
    // An early answer (413) may close the socket while the body is still going out; the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.chunks) {
      const write = (index: number) => {
        const chunk = options.chunks?.[index];
        if (!chunk) return void req.end();
        if (req.destroyed) return;
        req.write(chunk, () => {
          chunksSent++;
          setImmediate(() => write(index + 1));
        });
      };
      write(0);
    } else {
      req.end(options.body);
    }
  });
}

/**
 * Writes `request` to a fresh socket byte for byte (headers Node's client
 * would refuse to send, such as a second Host) and resolves with the status
 * line of the answer.
 */
export function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) {
        resolve(received.slice(0, received.indexOf('\r\n')));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.write(request);
  });
}
