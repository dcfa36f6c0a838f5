import { isDeepStrictEqual } from 'node:util';
import type { StdioCommand } from '../../shared/api';
import type { TokenService } from '../tokens/token-service';
import { SERVER_KEY, type ClientEnvironment, type ClientTarget } from './client-targets';
import { documentFor, UnreadableConfigError, valueAt } from './config-documents';
import { clientInstalled, describeChange, readConfigFile, writeConfigFile } from './config-file';

export interface ConnectionDeps {
  env: ClientEnvironment;
  tokens: Pick<TokenService, 'create' | 'authenticate' | 'list' | 'revoke'>;
  /** The URL HTTP clients are pointed at. */
  mcpUrl: string;
  /** How this installation runs `taskdesk stdio`, for clients that start local processes. */
  stdio: StdioCommand;
}

export interface ConnectOutcome {
  file: string;
  /** Whether the file changes (or, in a dry run, would). */
  changed: boolean;
  /** The change as a unified diff, secrets masked. */
  diff: string;
  backup?: string | undefined;
  /** The id of the token the entry carries, and whether it was made now. */
  tokenId?: string | undefined;
  tokenCreated: boolean;
}

export interface DisconnectOutcome {
  file: string;
  removed: boolean;
  backup?: string | undefined;
  revokedTokenId?: string | undefined;
}

export type Verdict = 'ok' | 'not_installed' | 'not_configured' | 'problem';

export interface Diagnosis {
  client: string;
  name: string;
  file: string;
  verdict: Verdict;
  /** What is wrong, one line each, never a secret. */
  problems: string[];
  tokenId?: string | undefined;
  lastSeen?: string | null | undefined;
}

// Shown in a dry run's diff where the token created on a real run would go.
const NEW_TOKEN_PLACEHOLDER = 'tdk_new_token_created_when_you_connect';

const unreadable = (file: string, error: unknown): never => {
  if (error instanceof UnreadableConfigError) {
    throw new UnreadableConfigError(`${file} ${error.message}; it was left untouched`);
  }
  throw error;
};

/** Connects, checks and disconnects clients by editing their own configuration files. */
export function createClientConnections(deps: ConnectionDeps) {
  const entryPath = (target: ClientTarget) => [...target.serversPath, SERVER_KEY];

  function load(target: ClientTarget) {
    const file = readConfigFile(target.configFile(deps.env));
    const document = documentFor(target.format);
    let data: Record<string, unknown>;
    try {
      data = document.parse(file.text);
    } catch (error) {
      return unreadable(file.path, error);
    }
    return { file, document, entry: valueAt(data, entryPath(target)) };
  }

  /** The token an entry carries, if it is still valid. */
  async function validToken(target: ClientTarget, entry: unknown) {
    const secret = entry === undefined ? undefined : target.tokenOf(entry);
    const caller = secret ? await deps.tokens.authenticate(secret) : undefined;
    return caller?.tokenId ? { secret: secret ?? '', tokenId: caller.tokenId } : undefined;
  }

  return {
    async connect(target: ClientTarget, options: { dryRun?: boolean } = {}): Promise<ConnectOutcome> {
      const { file, document, entry } = load(target);
      let token: { secret: string; tokenId?: string | undefined } | undefined =
        target.transport === 'http' ? await validToken(target, entry) : undefined;
      let tokenCreated = false;
      if (target.transport === 'http' && !token) {
        if (options.dryRun) {
          token = { secret: NEW_TOKEN_PLACEHOLDER };
        } else {
          const created = await deps.tokens.create({ label: target.tokenLabel });
          if (!created.ok) throw new Error(created.error.message);
          token = { secret: created.value.token, tokenId: created.value.id };
          tokenCreated = true;
        }
      }
      const wanted = target.entry({ mcpUrl: deps.mcpUrl, token: token?.secret ?? '', stdio: deps.stdio });
      let text: string;
      try {
        text = isDeepStrictEqual(entry, wanted) ? file.text : document.withEntry(file.text, entryPath(target), wanted);
      } catch (error) {
        return unreadable(file.path, error);
      }
      const changed = text !== file.text;
      const diff = changed ? describeChange(file, text, token ? [token.secret] : []) : '';
      const backup = changed && !options.dryRun ? writeConfigFile(file, text) : undefined;
      return { file: file.path, changed, diff, backup, tokenId: token?.tokenId, tokenCreated };
    },

    async disconnect(target: ClientTarget): Promise<DisconnectOutcome> {
      const { file, document, entry } = load(target);
      if (entry === undefined) return { file: file.path, removed: false };
      const token = await validToken(target, entry);
      let text: string;
      try {
        text = document.withoutEntry(file.text, entryPath(target));
      } catch (error) {
        return unreadable(file.path, error);
      }
      const backup = writeConfigFile(file, text);
      if (token) await deps.tokens.revoke(token.tokenId);
      return { file: file.path, removed: true, backup, revokedTokenId: token?.tokenId };
    },

    async diagnose(target: ClientTarget): Promise<Diagnosis> {
      const base = { client: target.id, name: target.name, file: target.configFile(deps.env) };
      if (!clientInstalled(base.file)) return { ...base, verdict: 'not_installed', problems: [] };
      let loaded: ReturnType<typeof load>;
      try {
        loaded = load(target);
      } catch (error) {
        if (!(error instanceof UnreadableConfigError)) throw error;
        return { ...base, verdict: 'problem', problems: [error.message] };
      }
      const { entry } = loaded;
      const tokens = await deps.tokens.list();
      if (entry === undefined) {
        // A live token made for this client means someone connected it, and its entry has since gone.
        const orphan = tokens.find((info) => info.label === target.tokenLabel && !info.revoked_at);
        return orphan && target.transport === 'http'
          ? {
              ...base,
              verdict: 'problem',
              problems: [
                `${target.name} has a TaskDesk token (${orphan.id}) but no ${SERVER_KEY} entry in ${base.file}`,
              ],
            }
          : { ...base, verdict: 'not_configured', problems: [] };
      }
      const problems: string[] = [];
      const wanted = target.entry({ mcpUrl: deps.mcpUrl, token: '', stdio: deps.stdio });
      const pointsAt = target.pointsAt(entry);
      if (pointsAt !== target.pointsAt(wanted)) {
        problems.push(`points at ${pointsAt ?? 'nothing'}, but TaskDesk is at ${target.pointsAt(wanted) ?? '?'}`);
      }
      if (target.transport === 'stdio' && !isDeepStrictEqual(valueAt(entry, ['env']), valueAt(wanted, ['env']))) {
        problems.push('its environment does not name the database TaskDesk uses');
      }
      let token: Awaited<ReturnType<typeof validToken>>;
      if (target.transport === 'http') {
        token = await validToken(target, entry);
        if (!target.tokenOf(entry)) problems.push('its entry carries no TaskDesk token');
        else if (!token) problems.push('its token is revoked or unknown to this database');
      }
      const info = token ? tokens.find((candidate) => candidate.id === token.tokenId) : undefined;
      return {
        ...base,
        verdict: problems.length ? 'problem' : 'ok',
        problems,
        tokenId: token?.tokenId,
        lastSeen: info ? info.last_used_at : undefined,
      };
    },
  };
}

export type ClientConnections = ReturnType<typeof createClientConnections>;
