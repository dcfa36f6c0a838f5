/**
 * The Claude Desktop bundle (.mcpb, manifest 0.3): one click in Claude
 * Desktop installs an entry that starts the TaskDesk app installed on this
 * computer in its stdio mode. Claude Desktop runs the bundle's small Node
 * launcher with its own Node; the app itself (and its native SQLite addon,
 * built for Electron) is never loaded by that Node.
 */
export const BUNDLE_LAUNCHER = 'server/launch.js';

export function claudeBundleManifest(version: string) {
  return {
    manifest_version: '0.3',
    name: 'taskdesk',
    display_name: 'TaskDesk',
    version,
    description: 'Shared tasks for your agents, from the TaskDesk app on this computer.',
    long_description:
      'Adds TaskDesk to Claude Desktop: add, list, update, complete and delete tasks that your other agents and the TaskDesk window see too. Needs the TaskDesk app installed; it starts the app in its stdio mode, acting as the local user on the database TaskDesk uses.',
    author: { name: 'TaskDesk contributors' },
    icon: 'icon.png',
    license: 'MIT',
    server: {
      type: 'node',
      entry_point: BUNDLE_LAUNCHER,
      mcp_config: {
        command: 'node',
        args: [`\${__dirname}/${BUNDLE_LAUNCHER}`],
        env: { TASKDESK_DB: '${user_config.database}', TASKDESK_APP: '${user_config.app_path}' },
      },
    },
    tools: [
      { name: 'add_task', description: 'Add a task.' },
      { name: 'list_tasks', description: 'List, filter, search and page through tasks.' },
      { name: 'get_task', description: 'Read one task.' },
      { name: 'update_task', description: 'Change a task, with optimistic versioning.' },
      { name: 'complete_task', description: 'Mark a task done, or open again.' },
      { name: 'delete_task', description: 'Delete a task (it can be restored).' },
      { name: 'claim_task', description: 'Claim the next ready task, or renew a claim.' },
      { name: 'release_task', description: 'Release a claimed task, with a handoff note.' },
      { name: 'add_note', description: 'Add a note to a task.' },
      { name: 'list_projects', description: 'List projects with their task counts.' },
      { name: 'health_check', description: 'Check that TaskDesk and its database answer.' },
    ],
    user_config: {
      database: {
        type: 'string',
        title: 'Database (optional)',
        description:
          "Leave empty for the TaskDesk app's own database. Otherwise the postgres:// URL or SQLite file the app uses (Settings, Database).",
        required: false,
        default: '',
        sensitive: true,
      },
      app_path: {
        type: 'file',
        title: 'TaskDesk app (optional)',
        description: 'Only if TaskDesk is installed somewhere unusual: the TaskDesk program itself.',
        required: false,
        default: '',
      },
    },
    compatibility: { platforms: ['darwin', 'win32'], runtimes: { node: '>=18.0.0' } },
  };
}
