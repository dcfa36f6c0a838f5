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

/**
 * Configurations that already hold a `taskdesk` entry carrying the person's own
 * keys (and, where the format allows, a comment) beside the fields TaskDesk
 * owns, which point somewhere stale. `userKeys` is what must survive a connect.
 */
export const ENTRIES_WITH_USER_KEYS: Record<ClientTargetId, { text: string; userKeys: Record<string, unknown> }> = {
  'claude-code': {
    text: `{
  "mcpServers": {
    "taskdesk": {
      "type": "http",
      "url": "http://127.0.0.1:9/mcp",
      "headers": { "Authorization": "Bearer tdk_000000000000_stale", "X-Team": "blue" },
      "timeout": 20000
    }
  }
}
`,
    userKeys: { timeout: 20000, headers: { 'X-Team': 'blue' } },
  },
  'claude-desktop': {
    text: `{
  "mcpServers": {
    "taskdesk": { "command": "/nowhere/node", "args": ["old.js"], "env": { "TASKDESK_LOG_LEVEL": "debug" } }
  }
}
`,
    userKeys: { env: { TASKDESK_LOG_LEVEL: 'debug' } },
  },
  cursor: {
    text: `{
  "mcpServers": {
    "taskdesk": {
      "url": "http://127.0.0.1:9/mcp",
      "headers": { "authorization": "Bearer tdk_000000000000_stale" },
      "disabled": false
    }
  }
}
`,
    userKeys: { disabled: false },
  },
  vscode: {
    text: `{
	"servers": {
		"taskdesk": {
			// Restarted by hand when it misbehaves.
			"type": "http",
			"url": "http://127.0.0.1:9/mcp",
			"dev": { "watch": "src/**/*.ts" },
		},
	},
}
`,
    userKeys: { dev: { watch: 'src/**/*.ts' } },
  },
  windsurf: {
    text: `{"mcpServers":{"taskdesk":{"serverUrl":"http://127.0.0.1:9/mcp","disabledTools":["delete_task"]}}}
`,
    userKeys: { disabledTools: ['delete_task'] },
  },
  codex: {
    text: `model = "gpt-5-codex"

[mcp_servers.taskdesk]
url = "http://127.0.0.1:9/mcp" # moved when the port changed
startup_timeout_sec = 20
http_headers = { Authorization = "Bearer tdk_000000000000_stale", X-Team = "blue" }

[mcp_servers.taskdesk.env]
TASKDESK_LOG_LEVEL = "debug"
`,
    userKeys: { startup_timeout_sec: 20, http_headers: { 'X-Team': 'blue' }, env: { TASKDESK_LOG_LEVEL: 'debug' } },
  },
};

/** Layouts that parse, but where TaskDesk's own edit cannot be made without touching the person's text. */
export const UNEDITABLE_CONFIGS = {
  windsurf: '{ "mcpServers": null }\n',
  codex: `model = "gpt-5-codex"

[mcp_servers]
taskdesk = { url = "http://127.0.0.1:9/mcp" }
`,
} as const;
