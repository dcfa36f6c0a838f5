import type { LiveEventMap, LiveEventName } from '../../shared/api';
import type { Logger } from '../logging/logger';

export type LiveListener = <K extends LiveEventName>(name: K, data: LiveEventMap[K]) => void;

/**
 * What the UI's event stream carries, per user: every task change (from any
 * edge) and every tool call. Listeners are kept per user id in a Map, not as
 * EventEmitter event names: a user called "error" would otherwise make every
 * publish throw.
 */
export function createLiveEvents(logger: Logger) {
  const listeners = new Map<string, Set<LiveListener>>();
  const watchHooks = new Set<(userId: string) => void>();
  return {
    /** Never throws: a change has been committed by the time it is announced, whatever a listener does. */
    publish<K extends LiveEventName>(userId: string, name: K, data: LiveEventMap[K]): void {
      for (const listener of listeners.get(userId) ?? []) {
        try {
          listener(name, data);
        } catch (error) {
          logger.error({ err: error, event: name }, 'a live event listener failed');
        }
      }
    },
    subscribe(userId: string, listener: LiveListener): () => void {
      const forUser = listeners.get(userId) ?? new Set<LiveListener>();
      listeners.set(userId, forUser);
      forUser.add(listener);
      if (forUser.size === 1) {
        for (const hook of watchHooks) {
          try {
            hook(userId);
          } catch (error) {
            logger.error({ err: error }, 'a hook on a newly watched user failed');
          }
        }
      }
      return () => {
        forUser.delete(listener);
        if (forUser.size === 0) listeners.delete(userId);
      };
    },
    /** The users someone is listening for, so work nobody would see can be skipped. */
    watchedUsers: () => [...listeners.keys()],
    isWatched: (userId: string) => listeners.has(userId),
    /** Calls `hook` whenever a user gets a first listener (the change feed starts reading for them). */
    whenWatched(hook: (userId: string) => void): () => void {
      watchHooks.add(hook);
      return () => watchHooks.delete(hook);
    },
  };
}

export type LiveEvents = ReturnType<typeof createLiveEvents>;
