import { shellCommand, stringLiteral as s } from './quote';
import { bearer, type Snippet, type SnippetInputs } from './snippet';

/** The newest protocol revision the server speaks; plain HTTP callers must name one. */
export const CURL_PROTOCOL_VERSION = '2025-11-25';

const INSTRUCTIONS = "Use the TaskDesk tools to keep track of the user's tasks.";
const QUESTION = 'What is on my task list?';

export function agentsPythonSnippets({ mcpUrl, token }: SnippetInputs): Snippet[] {
  const params = `{"url": ${s(mcpUrl)}, "headers": {"Authorization": ${s(bearer(token))}}}`;
  const text = `import asyncio

from agents import Agent, Runner
from agents.mcp import MCPServerStreamableHttp


async def main() -> None:
    async with MCPServerStreamableHttp(
        name="TaskDesk",
        params=${params},
    ) as server:
        agent = Agent(
            name="Assistant",
            instructions=${s(INSTRUCTIONS)},
            mcp_servers=[server],
        )
        result = await Runner.run(agent, ${s(QUESTION)})
        print(result.final_output)


asyncio.run(main())
`;
  return [
    {
      title: 'Connect an agent built with the OpenAI Agents SDK for Python',
      language: 'python',
      text,
      where: 'Run with python after `pip install openai-agents`; the agent’s model needs OPENAI_API_KEY',
    },
  ];
}

export function agentsJsSnippets({ mcpUrl, token }: SnippetInputs): Snippet[] {
  const text = `import { Agent, MCPServerStreamableHttp, run } from "@openai/agents";

const server = new MCPServerStreamableHttp({
  url: ${s(mcpUrl)},
  name: "TaskDesk",
  requestInit: { headers: { Authorization: ${s(bearer(token))} } },
});
await server.connect();
try {
  const agent = new Agent({
    name: "Assistant",
    instructions: ${s(INSTRUCTIONS)},
    mcpServers: [server],
  });
  const result = await run(agent, ${s(QUESTION)});
  console.log(result.finalOutput);
} finally {
  await server.close();
}
`;
  return [
    {
      title: 'Connect an agent built with the OpenAI Agents SDK for JavaScript',
      language: 'typescript',
      text,
      // The current @openai/agents depends on openai 7, which needs Node 22.
      where:
        'An ES module, after `npm install @openai/agents` (Node 22 or newer); the agent’s model needs OPENAI_API_KEY',
    },
  ];
}

export function curlSnippets({ mcpUrl, token }: SnippetInputs): Snippet[] {
  const command = [
    ['curl', '-sS', mcpUrl],
    ['-H', `Authorization: ${bearer(token)}`],
    ['-H', 'Content-Type: application/json'],
    ['-H', 'Accept: application/json, text/event-stream'],
    ['-H', `MCP-Protocol-Version: ${CURL_PROTOCOL_VERSION}`],
    ['-d', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })],
  ];
  return [
    {
      title: 'List the tools with curl',
      language: 'shell',
      text: shellCommand(command),
      where: 'Run in a POSIX shell (bash, zsh)',
    },
  ];
}
