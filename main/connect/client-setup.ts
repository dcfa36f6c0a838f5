import type { ClientConnected, ClientSetup } from '../../shared/api';
import { fail, ok, type Result } from '../../shared/result';
import { UserFacingError } from '../errors';
import type { ClientConnections, Diagnosis } from './client-connections';
import { CLIENT_TARGETS, clientTarget, CLIENT_TARGET_IDS } from './client-targets';

export function toClientSetup(diagnosis: Diagnosis): ClientSetup {
  return {
    client: diagnosis.client,
    name: diagnosis.name,
    file: diagnosis.file,
    verdict: diagnosis.verdict,
    problems: diagnosis.problems,
    token_id: diagnosis.tokenId ?? null,
    last_seen: diagnosis.lastSeen ?? null,
    command: `npx taskdesk connect ${diagnosis.client}`,
  };
}

/** The connection panel's view of the clients on this computer, over the same code as `taskdesk doctor`. */
export function createClientSetup(connections: ClientConnections) {
  return {
    list: async (): Promise<ClientSetup[]> =>
      Promise.all(CLIENT_TARGETS.map(async (target) => toClientSetup(await connections.diagnose(target)))),

    async connect(id: string): Promise<Result<ClientConnected & { tokenCreated: string | undefined }>> {
      const target = clientTarget(id);
      if (!target) return fail('not_found', `no client '${id.slice(0, 40)}'; clients: ${CLIENT_TARGET_IDS.join(', ')}`);
      try {
        const outcome = await connections.connect(target);
        return ok({
          client: toClientSetup(await connections.diagnose(target)),
          changed: outcome.changed,
          backup: outcome.backup ?? null,
          tokenCreated: outcome.tokenCreated ? outcome.tokenId : undefined,
        });
      } catch (error) {
        // A configuration file that does not parse is the person's to fix; say which and why.
        if (error instanceof UserFacingError) return fail('conflict', error.message);
        throw error;
      }
    },
  };
}

export type ClientSetupService = ReturnType<typeof createClientSetup>;
