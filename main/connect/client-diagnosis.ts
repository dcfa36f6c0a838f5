import type { TokenInfo } from '../../shared/token-schemas';
import type { DatabaseLocation } from '../config/database-location';
import type { TokenService } from '../tokens/token-service';
import { SERVER_KEY, type ClientEnvironment, type ClientTarget } from './client-targets';
import { UneditableConfigError, UnreadableConfigError } from './config-document';
import { clientInstalled } from './config-file';
import { orphanTokens, otherClientTokens } from './connect-tokens';
import { maskSecrets } from './secret-mask';
import { stdioEntryProblems } from './stdio-entry';

export type Verdict = 'ok' | 'not_installed' | 'not_configured' | 'problem';

export interface Diagnosis {
  client: string;
  name: string;
  file: string;
  verdict: Verdict;
  /** What is wrong, one line each, never a secret. */
  problems: string[];
  /** Worth knowing but not wrong, e.g. a token made by hand for this client that its file does not hold. */
  notes: string[];
  tokenId?: string | undefined;
  lastSeen?: string | null | undefined;
}

interface ValidToken {
  secret: string;
  tokenId: string;
}

export interface DiagnosisDeps {
  env: ClientEnvironment;
  tokens: Pick<TokenService, 'list'>;
  mcpUrl: string;
  serverRunning?: boolean | undefined;
  location: DatabaseLocation;
  /** The client's entry, or undefined; throws for a file that cannot be read. */
  load: (target: ClientTarget) => unknown;
  validToken: (target: ClientTarget, entry: unknown) => Promise<ValidToken | undefined>;
}

function httpProblems(target: ClientTarget, entry: unknown, token: ValidToken | undefined, deps: DiagnosisDeps) {
  const problems: string[] = [];
  if (deps.serverRunning === false) {
    problems.push(`no TaskDesk server answers at ${deps.mcpUrl}, so where the entry points cannot be checked`);
  } else if (target.urlOf(entry) !== deps.mcpUrl) {
    problems.push(`points at ${target.urlOf(entry) ?? 'nothing'}, but TaskDesk is at ${deps.mcpUrl}`);
  }
  if (!target.tokenOf(entry)) problems.push('its entry carries no TaskDesk token');
  else if (!token) problems.push('its token is revoked or unknown to this database');
  return problems;
}

const noteAbout = (token: TokenInfo) =>
  `the token ${token.id} (“${token.label}”) is not in this file: one made in the Connect a client dialog ` +
  'for a project or workspace, or by another account, is fine there';

/** What `taskdesk doctor` and the connection panel say about one client. */
export async function diagnose(target: ClientTarget, deps: DiagnosisDeps): Promise<Diagnosis> {
  const base = { client: target.id, name: target.name, file: target.configFile(deps.env), notes: [] };
  const installed = target.installed ? target.installed(deps.env) : clientInstalled(base.file);
  if (!installed) return { ...base, verdict: 'not_installed', problems: [] };
  let entry: unknown;
  try {
    entry = deps.load(target);
  } catch (error) {
    if (!(error instanceof UnreadableConfigError || error instanceof UneditableConfigError)) throw error;
    return { ...base, verdict: 'problem', problems: [maskSecrets(error.message)] };
  }
  const tokens = await deps.tokens.list();
  const token = entry === undefined ? undefined : await deps.validToken(target, entry);
  const notes = otherClientTokens(tokens, target, deps.env, token?.tokenId).map(noteAbout);
  if (entry === undefined) {
    // A live token connect made for this client means it was connected, and its entry has since gone.
    const orphan = orphanTokens(tokens, target, deps.env, undefined)[0];
    const problems = orphan
      ? [`it has no ${SERVER_KEY} entry, but the token ${orphan.id} that taskdesk connect made for it is still live`]
      : [];
    return { ...base, verdict: orphan ? 'problem' : 'not_configured', problems, notes };
  }
  const problems =
    target.transport === 'http' ? httpProblems(target, entry, token, deps) : stdioEntryProblems(entry, deps.location);
  const info = token ? tokens.find((candidate) => candidate.id === token.tokenId) : undefined;
  return {
    ...base,
    verdict: problems.length ? 'problem' : 'ok',
    // Entries quote URLs and commands of the person's choosing, which may hold secrets.
    problems: problems.map(maskSecrets),
    notes: notes.map(maskSecrets),
    tokenId: token?.tokenId,
    lastSeen: info ? info.last_used_at : undefined,
  };
}
