import type { StdioCommand } from '../../shared/api';
import type { DatabaseLocation } from '../config/database-location';
import type { TokenService } from '../tokens/token-service';
import { diagnose, type Diagnosis } from './client-diagnosis';
import { SERVER_KEY, type ClientEnvironment, type ClientTarget } from './client-targets';
import { applyEdits, sameData, UneditableConfigError, UnreadableConfigError } from './config-document';
import { documentFor, valueAt } from './config-documents';
import { ConfigChangedError, describeChange, readConfigFile, writeConfigFile } from './config-file';
import { connectTokenLabel, orphanTokens } from './connect-tokens';

export interface ConnectionDeps {
  env: ClientEnvironment;
  tokens: Pick<TokenService, 'create' | 'authenticate' | 'list' | 'revoke'>;
  /** The URL HTTP clients are pointed at. */
  mcpUrl: string;
  /**
   * Whether a TaskDesk server answers at `mcpUrl`. When none does, the right
   * URL is not known: HTTP entries are not called ok. Omitted: it answers
   * (the server asking is the one running).
   */
  serverRunning?: boolean | undefined;
  /** How this installation runs `taskdesk stdio`, for clients that start local processes. */
  stdio: StdioCommand;
  /** The database TaskDesk uses, which a stdio entry must name. */
  location: DatabaseLocation;
}

/** What a token connect makes may reach (see `taskdesk token create --project/--read-only`). */
export interface TokenScopeOptions {
  projects?: string[];
  read_only?: boolean;
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
  /** Tokens an earlier connect made for this client whose entry had gone, revoked now that a new one replaces them. */
  revokedTokenIds: string[];
}

export interface DisconnectOutcome {
  file: string;
  removed: boolean;
  backup?: string | undefined;
  revokedTokenId?: string | undefined;
}

export type { Diagnosis, Verdict } from './client-diagnosis';

// Stands where the client's token goes until the edit is known to work; shown in a dry run's diff.
const NEW_TOKEN_PLACEHOLDER = 'tdk_new_token_created_when_you_connect';

/** An expected failure, told with the file's path; the file was not changed. */
export function aboutFile(file: string, error: unknown): never {
  if (error instanceof UnreadableConfigError || error instanceof UneditableConfigError) {
    error.message = `${file} ${error.message}; it was left untouched`;
  }
  throw error;
}

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
      return aboutFile(file.path, error);
    }
    return { file, document, entry: valueAt(data, entryPath(target)) };
  }

  /** The token an entry carries, if it is still valid. */
  async function validToken(target: ClientTarget, entry: unknown) {
    const secret = entry === undefined ? undefined : target.tokenOf(entry);
    const caller = secret ? await deps.tokens.authenticate(secret) : undefined;
    return caller?.tokenId ? { secret: secret ?? '', tokenId: caller.tokenId } : undefined;
  }

  /** The file's text with TaskDesk's fields set; throws, naming the file, before anything is written. */
  function edited(target: ClientTarget, loaded: ReturnType<typeof load>, secret: string): string {
    const fields = target.fields({ mcpUrl: deps.mcpUrl, token: secret, stdio: deps.stdio }, loaded.entry);
    if (sameData(loaded.entry, applyEdits(loaded.entry, fields))) return loaded.file.text;
    try {
      return loaded.document.withFields(loaded.file.text, entryPath(target), fields);
    } catch (error) {
      return aboutFile(loaded.file.path, error);
    }
  }

  /** Revokes what connect made for this client before, now that `kept` replaces it. */
  async function revokeOrphans(target: ClientTarget, kept: string): Promise<string[]> {
    const orphans = orphanTokens(await deps.tokens.list(), target, deps.env, kept);
    for (const orphan of orphans) await deps.tokens.revoke(orphan.id);
    return orphans.map((orphan) => orphan.id);
  }

  async function newToken(target: ClientTarget, scope: TokenScopeOptions) {
    const created = await deps.tokens.create({ label: connectTokenLabel(target, deps.env), ...scope });
    if (!created.ok) throw new Error(created.error.message);
    return { secret: created.value.token, tokenId: created.value.id };
  }

  return {
    /**
     * The edit is made with a placeholder first: a token is created only once
     * the file is known to take it, and revoked again if the write fails, so
     * a refused edit never leaves a live token behind. When another program
     * saves the file meanwhile, the edit is made once more on its new text.
     */
    async connect(
      target: ClientTarget,
      options: { dryRun?: boolean; scope?: TokenScopeOptions } = {},
    ): Promise<ConnectOutcome> {
      const scope = options.scope ?? {};
      // A scope asks for a token made with it: the one the entry carries may reach more, so it is replaced.
      const scoped = scope.projects !== undefined || scope.read_only !== undefined;
      let created: { secret: string; tokenId: string } | undefined;
      for (let attempt = 1; ; attempt++) {
        const loaded = load(target);
        const http = target.transport === 'http';
        const token = created ?? (http && !scoped ? await validToken(target, loaded.entry) : undefined);
        const planned = edited(target, loaded, token?.secret ?? (http ? NEW_TOKEN_PLACEHOLDER : ''));
        const changed = planned !== loaded.file.text;
        const outcome = { file: loaded.file.path, changed, tokenId: token?.tokenId, revokedTokenIds: [] };
        if (!changed || options.dryRun) {
          const secrets = [token?.secret ?? '', NEW_TOKEN_PLACEHOLDER].filter(Boolean);
          const diff = changed ? describeChange(loaded.file, planned, secrets) : '';
          return { ...outcome, diff, tokenCreated: created !== undefined };
        }
        if (http && !token) created = await newToken(target, scope);
        const text = created ? planned.split(NEW_TOKEN_PLACEHOLDER).join(created.secret) : planned;
        let backup: string | undefined;
        try {
          backup = writeConfigFile(loaded.file, text);
        } catch (error) {
          if (error instanceof ConfigChangedError && attempt === 1) continue;
          if (created) await deps.tokens.revoke(created.tokenId);
          throw error;
        }
        const revokedTokenIds = created ? await revokeOrphans(target, created.tokenId) : [];
        const tokenId = created?.tokenId ?? token?.tokenId;
        return { ...outcome, diff: '', backup, tokenId, tokenCreated: created !== undefined, revokedTokenIds };
      }
    },

    async disconnect(target: ClientTarget): Promise<DisconnectOutcome> {
      for (let attempt = 1; ; attempt++) {
        const { file, document, entry } = load(target);
        if (entry === undefined) return { file: file.path, removed: false };
        let text: string;
        try {
          text = document.withoutEntry(file.text, entryPath(target));
        } catch (error) {
          return aboutFile(file.path, error);
        }
        let backup: string | undefined;
        try {
          backup = writeConfigFile(file, text);
        } catch (error) {
          if (error instanceof ConfigChangedError && attempt === 1) continue;
          throw error;
        }
        const token = await validToken(target, entry);
        if (token) await deps.tokens.revoke(token.tokenId);
        return { file: file.path, removed: true, backup, revokedTokenId: token?.tokenId };
      }
    },

    diagnose: (target: ClientTarget): Promise<Diagnosis> =>
      diagnose(target, { ...deps, load: (each) => load(each).entry, validToken }),
  };
}

export type ClientConnections = ReturnType<typeof createClientConnections>;
