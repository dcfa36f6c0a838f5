import { UserFacingError } from '../errors';
import type { ClientConnections, Diagnosis } from './client-connections';
import { CLIENT_TARGETS } from './client-targets';

export interface DoctorReport {
  diagnoses: Diagnosis[];
  /** The clients --fix mended. */
  fixed: string[];
  /** The clients --fix left as they were, and why. */
  notFixed: { name: string; reason: string }[];
}

/**
 * Checks every client, and with `fix` repairs each one with a problem through
 * connect's own merge-and-backup path. An HTTP entry is not rewritten while no
 * server answers: the address to write is then a guess.
 */
export async function runDoctor(
  connections: ClientConnections,
  options: { fix: boolean; serverRunning: boolean; mcpUrl: string },
): Promise<DoctorReport> {
  const report: DoctorReport = { diagnoses: [], fixed: [], notFixed: [] };
  for (const target of CLIENT_TARGETS) {
    let diagnosis = await connections.diagnose(target);
    if (options.fix && diagnosis.verdict === 'problem') {
      let reason: string | undefined;
      if (target.transport === 'http' && !options.serverRunning) {
        reason = `no TaskDesk server answers at ${options.mcpUrl}, so the address to write is unknown; start taskdesk serve (or pass --port) and run doctor --fix again`;
      } else {
        try {
          await connections.connect(target);
        } catch (error) {
          if (!(error instanceof UserFacingError)) throw error;
          reason = error.message;
        }
        diagnosis = await connections.diagnose(target);
        if (!reason && diagnosis.verdict === 'problem') reason = diagnosis.problems.join('; ');
      }
      if (reason) report.notFixed.push({ name: target.name, reason });
      else report.fixed.push(target.name);
    }
    report.diagnoses.push(diagnosis);
  }
  return report;
}
