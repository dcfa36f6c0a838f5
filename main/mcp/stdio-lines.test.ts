import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readStdioLines } from './stdio-lines';

/** Feeds `chunks` one by one and reads back what the reader made of them: lines as text, or "too long". */
async function linesOf(chunks: (string | Buffer)[], maxBytes = 1024): Promise<string[]> {
  const read: string[] = [];
  for await (const line of readStdioLines(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), maxBytes)) {
    read.push(line.kind === 'line' ? line.bytes.toString('utf8') : 'too long');
  }
  return read;
}

describe('reading stdio lines', () => {
  it('finds every line however the chunks split it, keeps CRLF for the parser, and reads an unfinished last line', async () => {
    const text = '{"a":1}\r\n{"b":"two"}\n\n{"c":3}';
    const expected = ['{"a":1}\r', '{"b":"two"}', '', '{"c":3}'];
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await linesOf([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
    expect(await linesOf(text.split(''))).toEqual(expected);
  });

  it('reports a line longer than the bound once and reads on after it, whether it comes in pieces or whole', async () => {
    const long = 'x'.repeat(100);
    const chunks = ['{"ok":1}\n', long, long, long, long, '\n{"ok":2}\n', long.repeat(3)];
    const expected = ['{"ok":1}', 'too long', '{"ok":2}', 'too long'];
    expect(await linesOf(chunks, 150)).toEqual(expected);
    expect(await linesOf([chunks.join('')], 150)).toEqual(expected);
  });
});
