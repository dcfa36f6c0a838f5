import type { ClientTargetId } from './client-targets';

/**
 * Configuration files as people really have them: other servers, other
 * settings, comments where the format allows, and their own formatting. A
 * writer must leave all of it as it was.
 */
export const EXISTING_CONFIGS: Record<ClientTargetId, string> = {
  'claude-code': `{
  "numStartups": 42,
  "theme": "dark",
  "mcpServers": {
    "github": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/",
      "headers": { "Authorization": "Bearer ghp_example" }
    }
  },
  "projects": {
    "/home/me/site": { "mcpServers": { "local-db": { "command": "db-mcp", "args": [] } }, "allowedTools": [] }
  }
}
`,
  'claude-desktop': `{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"]
    }
  },
  "globalShortcut": "Ctrl+Space"
}
`,
  cursor: `{
    "mcpServers": {
        "linear": { "url": "https://mcp.linear.app/mcp" },
        "shell": { "command": "uvx", "args": ["mcp-shell"], "env": { "SHELL": "/bin/zsh" } }
    }
}
`,
  vscode: `// My MCP servers; VS Code reads this file as JSON with comments.
{
	"inputs": [
		{ "type": "promptString", "id": "gh", "description": "GitHub token", "password": true },
	],
	"servers": {
		// Pinned on purpose.
		"github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer \${input:gh}" } },
	},
}
`,
  windsurf: `{"mcpServers":{"figma":{"serverUrl":"https://mcp.figma.com/mcp"}},"disabled":false}
`,
  codex: `# Codex settings
model = "gpt-5-codex"
approval_policy = "on-request"

[mcp_servers.docs]
command = "docs-mcp"
args = ["--port", "0"] # inline comment

[mcp_servers.docs.env]
DOCS_ROOT = "/srv/docs"

# Profiles below.
[profiles.fast]
model = "gpt-5-mini"
`,
};

/** Text the client's own parser refuses; TaskDesk must leave such a file untouched. */
export const BROKEN_CONFIGS: Record<'json' | 'toml', string> = {
  json: '{ "mcpServers": { "a": { "command": "x" }, }\n',
  toml: '[mcp_servers.docs\ncommand = "docs-mcp"\n',
};
