import type { ClientConnected, ClientSetup } from '../../shared/api';
import { shellWord } from '../../shared/connect-snippets/quote';
import { fail, ok, type Result } from '../../shared/result';
import type { DatabaseLocation } from '../config/database-location';
import { UserFacingError } from '../errors';
import type { ClientConnections, Diagnosis } from './client-connections';
import { CLIENT_TARGETS, clientTarget, CLIENT_TARGET_IDS, type ClientTarget } from './client-targets';

/** The server the panel belongs to: its connect commands must reach this port and this database. */
export interface ServingAt {
  port: number;
  location: DatabaseLocation;
}

/**
 * The terminal command that connects `target` to this very server: its port
 * (for HTTP clients) and its database, whatever the terminal's own
 * environment says. A Postgres password never goes into it.
 */
export function connectCommand(target: ClientTarget, server: ServingAt): { command: string; note: string | null } {
  const words = ['npx', 'taskdesk', 'connect', target.id];
  if (target.transport === 'http') words.push('--port', String(server.port));
  let note: string | null = null;
  if (server.location.kind === 'sqlite') {
    words.push('--db', server.location.path);
  } else if (new URL(server.location.url).password) {
    note = 'Add --db with your Postgres URL: it holds a password, so it is not shown here.';
  } else {
    words.push('--db', server.location.url);
  }
  return { command: words.map(shellWord).join(' '), note };
}

export function toClientSetup(diagnosis: Diagnosis, server: ServingAt): ClientSetup {
  const target = clientTarget(diagnosis.client) as ClientTarget;
  const { command, note } = connectCommand(target, server);
  return {
    client: diagnosis.client,
    name: diagnosis.name,
    file: diagnosis.file,
    verdict: diagnosis.verdict,
    problems: diagnosis.problems,
    notes: diagnosis.notes,
    token_id: diagnosis.tokenId ?? null,
    last_seen: diagnosis.lastSeen ?? null,
    command,
    command_note: note,
  };
}

/** The connection panel's view of the clients on this computer, over the same code as `taskdesk doctor`. */
export function createClientSetup(connections: ClientConnections, server: ServingAt) {
  return {
    list: async (): Promise<ClientSetup[]> =>
      Promise.all(CLIENT_TARGETS.map(async (target) => toClientSetup(await connections.diagnose(target), server))),

    async connect(id: string): Promise<Result<ClientConnected & { tokenCreated: string | undefined }>> {
      const target = clientTarget(id);
      if (!target) return fail('not_found', `no client '${id.slice(0, 40)}'; clients: ${CLIENT_TARGET_IDS.join(', ')}`);
      try {
        const outcome = await connections.connect(target);
        return ok({
          client: toClientSetup(await connections.diagnose(target), server),
          changed: outcome.changed,
          backup: outcome.backup ?? null,
          tokenCreated: outcome.tokenCreated ? outcome.tokenId : undefined,
        });
      } catch (error) {
        // A configuration file that does not parse, or a layout TaskDesk cannot edit, is the person's to fix.
        if (error instanceof UserFacingError) return fail('conflict', error.message);
        throw error;
      }
    },
  };
}

export type ClientSetupService = ReturnType<typeof createClientSetup>;
