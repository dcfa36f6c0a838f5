import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stdioCommandFor } from '../app/ui-edge';
import { EXISTING_CONFIGS } from './client-fixtures';
import { createClientConnections } from './client-connections';
import {
  entryIn,
  place,
  targetById,
  TOOLS,
  useEntry,
  useHomes,
  useSqliteServer,
  type TestHome,
} from './connect-test-kit';

const shared = useSqliteServer();
const newHome = useHomes();

/**
 * Connections over the test server's real token service, with `beforeCreate`
 * run at the moment a token is made: another program acting on the file then.
 */
function connectionsFor(home: TestHome, beforeCreate: () => void) {
  const tokens = shared.server.server.services.tokens;
  return createClientConnections({
    env: home.env,
    tokens: {
      ...tokens,
      create: (input: unknown) => {
        beforeCreate();
        return tokens.create(input);
      },
    },
    mcpUrl: shared.server.server.mcpUrl,
    stdio: stdioCommandFor(shared.server.location),
    location: shared.server.location,
  });
}

const liveTokens = async () =>
  (await shared.server.server.services.tokens.list()).filter((token) => !token.revoked_at).length;

describe('a connect while another program acts on the file', () => {
  it('merges into the newer file when the client saves it meanwhile, so neither change is lost', async () => {
    const home = newHome();
    const cursor = targetById('cursor');
    const file = home.fileOf('cursor');
    place(file, EXISTING_CONFIGS.cursor);
    const theirs = EXISTING_CONFIGS.cursor.replace(
      '"mcpServers": {',
      '"mcpServers": {\n        "added": { "url": "https://example.com/mcp" },',
    );
    const outcome = await connectionsFor(home, () => fs.writeFileSync(file, theirs)).connect(cursor);
    expect(outcome.changed).toBe(true);
    const servers = (JSON.parse(fs.readFileSync(file, 'utf8')) as { mcpServers: Record<string, unknown> }).mcpServers;
    expect(Object.keys(servers)).toEqual(['added', 'linear', 'shell', 'taskdesk']);
    expect(await useEntry(cursor, entryIn(cursor, file))).toEqual(TOOLS);
  });

  it('revokes the token it made when the write then fails, so no live token is left behind', async () => {
    const home = newHome();
    const file = home.fileOf('cursor');
    place(file, EXISTING_CONFIGS.cursor);
    const before = await liveTokens();
    // The file becomes a folder at the moment the token is made: the write must fail.
    const connections = connectionsFor(home, () => {
      fs.rmSync(file);
      fs.mkdirSync(file);
    });
    await expect(connections.connect(targetById('cursor'))).rejects.toThrow();
    expect(await liveTokens()).toBe(before);
  });
});

describe('a connect with a scope', () => {
  it('gives the client a new token limited as asked, replacing the one its entry carried', async () => {
    const home = newHome();
    const cursor = targetById('cursor');
    const file = home.fileOf('cursor');
    place(file, EXISTING_CONFIGS.cursor);
    const tokens = shared.server.server.services.tokens;
    const connections = connectionsFor(home, () => undefined);
    const first = await connections.connect(cursor);
    const scoped = await connections.connect(cursor, { scope: { projects: ['Docs'], read_only: true } });
    expect(scoped).toMatchObject({ changed: true, tokenCreated: true, revokedTokenIds: [first.tokenId] });
    const secret = cursor.tokenOf(entryIn(cursor, file));
    const caller = secret ? await tokens.authenticate(secret) : undefined;
    expect(caller?.tokenId).toBe(scoped.tokenId);
    expect(caller?.scope?.readOnly).toBe(true);
    const info = (await tokens.list()).find((token) => token.id === scoped.tokenId);
    expect(info?.projects?.map((project) => project.name)).toEqual(['Docs']);
  });
});
