import os from 'node:os';
import type { TokenInfo } from '../../shared/token-schemas';
import type { ClientEnvironment, ClientTarget } from './client-targets';

/** `user@host`, shortened to leave room in a token label. */
function thisAccount(): string {
  let user = 'someone';
  try {
    user = os.userInfo().username;
  } catch {
    // No user name on this system (a container without a passwd entry): the host alone marks the token.
  }
  return `${user}@${os.hostname()}`.slice(0, 60);
}

/**
 * The label of the tokens connect makes: it names the client and the account
 * that holds its file, so doctor can tell them from tokens made in the
 * Connect a client dialog (labelled with the client's name alone, and often
 * kept in a project's file TaskDesk does not read), and from those another
 * computer sharing the database made.
 */
export function connectTokenLabel(target: ClientTarget, env: ClientEnvironment): string {
  return `${target.name} (taskdesk connect, ${env.account ?? thisAccount()})`;
}

/** Live tokens connect made for this client here that the entry does not carry: left behind. */
export function orphanTokens(
  tokens: readonly TokenInfo[],
  target: ClientTarget,
  env: ClientEnvironment,
  entryTokenId: string | undefined,
): TokenInfo[] {
  const label = connectTokenLabel(target, env);
  return tokens.filter((token) => !token.revoked_at && token.label === label && token.id !== entryTokenId);
}

/** Live tokens labelled for this client by anything else (the dialog, another account) that the entry does not carry. */
export function otherClientTokens(
  tokens: readonly TokenInfo[],
  target: ClientTarget,
  env: ClientEnvironment,
  entryTokenId: string | undefined,
): TokenInfo[] {
  const mine = connectTokenLabel(target, env);
  return tokens.filter(
    (token) =>
      !token.revoked_at &&
      token.id !== entryTokenId &&
      token.label !== mine &&
      (token.label === target.tokenLabel || token.label.startsWith(`${target.name} (taskdesk connect, `)),
  );
}
