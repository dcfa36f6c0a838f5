import { describe, expect, it } from 'vitest';
import { maskSecrets } from './secret-mask';

describe('masking what may be a secret', () => {
  it.each([
    ['"Authorization": "Bearer ghp_example"', '"Authorization": "Bearer ***"'],
    ['Authorization = "Bearer tdk_abcdefghijkl_secret"', 'Authorization = "Bearer ***"'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: ***'],
    ['"authorization":"raw-secret"', '"authorization":"***"'],
    ['http://me:hunter2@127.0.0.1:9/mcp?key=tdk_abc', 'http://me:***@127.0.0.1:9/mcp?key=***'],
    ['"Authorization": "Bearer <token>"', '"Authorization": "Bearer <token>"'],
  ])('%s', (text, masked) => {
    expect(maskSecrets(text)).toBe(masked);
  });
});
