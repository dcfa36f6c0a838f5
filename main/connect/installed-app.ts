import path from 'node:path';

/**
 * Where the TaskDesk desktop app is installed by its installers, per platform.
 * The Claude Desktop bundle's launcher and `taskdesk connect claude-desktop`
 * both look here.
 */
export function installedAppCandidates(platform: NodeJS.Platform, home: string, localAppData?: string): string[] {
  if (platform === 'darwin') {
    return ['/Applications', path.join(home, 'Applications')].map((folder) =>
      path.join(folder, 'TaskDesk.app', 'Contents', 'MacOS', 'TaskDesk'),
    );
  }
  if (platform === 'win32') {
    return [path.join(localAppData ?? path.join(home, 'AppData', 'Local'), 'Programs', 'TaskDesk', 'TaskDesk.exe')];
  }
  return ['/opt/TaskDesk/taskdesk', '/usr/bin/taskdesk'];
}
