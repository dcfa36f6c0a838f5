import { useCallback, useEffect, useState } from 'react';
import type { TokenInfo } from '../../../shared/api';
import type { ToolCall } from '../../../shared/tool-call';
import { useApi } from '../../app/api-context';
import { useLiveEvent, useLiveEvents } from '../../app/live-events';

/** A token as it is after one more call: the card flips to "connected" without a refetch. */
export function countCall(token: TokenInfo, call: ToolCall): TokenInfo {
  if (call.token_id !== token.id) return token;
  const lastUsed = token.last_used_at && token.last_used_at > call.created_at ? token.last_used_at : call.created_at;
  return { ...token, last_used_at: lastUsed, call_count: token.call_count + 1 };
}

/** Replaces the token with the same id, or adds it first. */
export function upsertToken(tokens: readonly TokenInfo[], token: TokenInfo): TokenInfo[] {
  const info = toInfo(token);
  return tokens.some((t) => t.id === info.id) ? tokens.map((t) => (t.id === info.id ? info : t)) : [info, ...tokens];
}

/** Strips anything beyond TokenInfo, so a created token's secret never enters the list. */
function toInfo({ id, label, user, created_at, last_used_at, call_count, revoked_at }: TokenInfo): TokenInfo {
  return { id, label, user, created_at, last_used_at, call_count, revoked_at };
}

/**
 * The signed-in user's client tokens: fetched on opening and on every
 * reconnection; live 'token' events replace one, live 'tool_call' events count a call.
 */
export function useTokens() {
  const api = useApi();
  const { generation } = useLiveEvents();
  const [tokens, setTokens] = useState<TokenInfo[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    api.tokens().then(
      (list) => {
        if (cancelled) return;
        setTokens(list.tokens);
        setError(undefined);
      },
      (reason: unknown) => !cancelled && setError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, generation]);

  useLiveEvent((name, data) => {
    // The listener is generic over the event name, so the name check cannot narrow `data` by itself.
    if (name === 'token') setTokens((list) => list && upsertToken(list, data as TokenInfo));
    if (name === 'tool_call') {
      const call = data as ToolCall;
      if (call.token_id !== null) setTokens((list) => list?.map((token) => countCall(token, call)));
    }
  });

  const remember = useCallback((token: TokenInfo) => setTokens((list) => upsertToken(list ?? [], token)), []);
  const revoke = useCallback(async (id: string) => remember(await api.revokeToken(id)), [api, remember]);

  return { tokens, error, remember, revoke };
}
