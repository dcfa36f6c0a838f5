import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { screenStdioInput } from './stdio-screen';

/** Writes `chunks` through the screen; what came out, and what it answered itself. */
async function screen(chunks: (string | Buffer)[]) {
  const input = new PassThrough();
  const answered: unknown[] = [];
  const output = text(screenStdioInput(input, (reply) => answered.push(reply)));
  for (const chunk of chunks) input.write(chunk);
  input.end();
  return { passed: await output, answered };
}

const call = (id: number, params: unknown) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params });

describe('the stdio input screen', () => {
  it('answers a request the SDK would drop and passes every other line on byte for byte, however it is split', async () => {
    const good = `${call(1, { name: 'health_check' })}\r\n`;
    const dropped = `${call(2, [])}\n`;
    const all = `${good}${dropped}not json\n${good}`;
    const { passed, answered } = await screen([all.slice(0, 7), all.slice(7, 60), all.slice(60)]);
    expect(passed).toBe(`${good}not json\n${good}`);
    expect(answered).toEqual([
      { jsonrpc: '2.0', id: 2, error: { code: -32602, message: expect.stringMatching(/^Invalid params/) as string } },
    ]);
  });

  it('passes a line longer than it screens on whole, and an unfinished last line at the end', async () => {
    const long = `${call(3, { name: 'add_task', arguments: { title: 'x'.repeat(2 * 1024 * 1024) } })}\n`;
    const { passed, answered } = await screen([long.slice(0, 1_500_000), long.slice(1_500_000), '{"unfinished"']);
    expect(passed).toBe(`${long}{"unfinished"`);
    expect(answered).toEqual([]);
  });
});
