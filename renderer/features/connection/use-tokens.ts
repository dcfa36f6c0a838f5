import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TokenInfo } from '../../../shared/api';
import type { ToolCall } from '../../../shared/tool-call';
import { useApi } from '../../lib/api-context';
import { errorMessage } from '../../lib/error-message';
import { useLiveEvent } from '../../lib/live-events';
import { QUERY_KEYS } from '../../lib/query';

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
function toInfo(token: TokenInfo): TokenInfo {
  const { id, label, user, created_at, last_used_at, call_count, revoked_at, projects, read_only } = token;
  return { id, label, user, created_at, last_used_at, call_count, revoked_at, projects, read_only };
}

/**
 * The signed-in user's client tokens: fetched on opening and on every
 * reconnection; live 'token' events replace one, live 'tool_call' events count a call.
 */
export function useTokens() {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: QUERY_KEYS.tokens, queryFn: async () => (await api.tokens()).tokens });
  const update = useCallback(
    (change: (tokens: TokenInfo[]) => TokenInfo[]) =>
      queryClient.setQueryData<TokenInfo[]>(QUERY_KEYS.tokens, (tokens) => tokens && change(tokens)),
    [queryClient],
  );

  useLiveEvent((event) => {
    if (event.name === 'token') update((tokens) => upsertToken(tokens, event.data));
    if (event.name === 'tool_call' && event.data.token_id !== null) {
      const call = event.data;
      update((tokens) => tokens.map((token) => countCall(token, call)));
    }
  });

  const remember = useCallback(
    (token: TokenInfo) =>
      queryClient.setQueryData<TokenInfo[]>(QUERY_KEYS.tokens, (tokens) => upsertToken(tokens ?? [], token)),
    [queryClient],
  );
  const revoke = useCallback(async (id: string) => void remember(await api.revokeToken(id)), [api, remember]);

  return { tokens: query.data, error: query.error ? errorMessage(query.error) : undefined, remember, revoke };
}
