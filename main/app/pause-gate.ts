import type { Logger } from '../logging/logger';

export const AGENTS_PAUSED =
  'TaskDesk is paused by its user: tool calls are refused until they choose "Resume agents" in the TaskDesk menu. Nothing was changed; try again later.';

/**
 * The one switch that pauses agents. The desktop app makes one and hands it
 * to every server it starts, so a pause outlasts a restart for new settings.
 */
export function createPauseGate(logger: Logger) {
  let paused = false;
  return {
    paused: () => paused,
    set: (value: boolean) => {
      if (value === paused) return;
      paused = value;
      logger.info({ paused }, paused ? 'agents paused: tool calls are refused' : 'agents resumed');
    },
    /** Why `tool` is refused now, or undefined: health_check always answers, so a paused server is seen alive. */
    refusal: (tool: string) => (paused && tool !== 'health_check' ? AGENTS_PAUSED : undefined),
  };
}

export type PauseGate = ReturnType<typeof createPauseGate>;
