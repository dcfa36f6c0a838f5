import { describe, expect, it } from 'vitest';
import type { TokenInfo } from '../../../shared/api';
import { ACTIVE_WINDOW_MS, tokenState } from './token-card';

const token = (changes: Partial<TokenInfo>): TokenInfo => ({
  id: 'abcdefghijkl',
  label: 'Agent',
  user: 'local',
  created_at: '2026-12-04T10:00:00.000Z',
  last_used_at: null,
  call_count: 0,
  revoked_at: null,
  projects: null,
  read_only: false,
  ...changes,
});

describe('a token card’s state', () => {
  const now = Date.parse('2026-12-04T12:00:00.000Z');
  it('is active now only while the client was seen within the last few minutes', () => {
    expect(tokenState(token({ last_used_at: new Date(now - 60_000).toISOString() }), now)).toBe('active now');
    expect(tokenState(token({ last_used_at: new Date(now - ACTIVE_WINDOW_MS - 1).toISOString() }), now)).toBe('idle');
  });
  it('says never connected, or revoked, whatever else it holds', () => {
    expect(tokenState(token({}), now)).toBe('not connected yet');
    expect(
      tokenState(token({ last_used_at: new Date(now).toISOString(), revoked_at: new Date(now).toISOString() }), now),
    ).toBe('revoked');
  });
});
