import { EventEmitter } from 'node:events';
import type { LiveEventMap, LiveEventName } from '../../shared/api';

export type LiveListener = <K extends LiveEventName>(name: K, data: LiveEventMap[K]) => void;

/**
 * What the UI's event stream carries, per user: every task change (from any
 * edge) and every tool call. In process only: a second process sharing the
 * database (`taskdesk stdio`) is not seen live; the UI catches up on reload.
 */
export function createLiveEvents() {
  const emitter = new EventEmitter();
  // One listener per open UI window; the stream route bounds how many there are.
  emitter.setMaxListeners(0);
  return {
    publish<K extends LiveEventName>(userId: string, name: K, data: LiveEventMap[K]): void {
      emitter.emit(userId, name, data);
    },
    subscribe(userId: string, listener: LiveListener): () => void {
      emitter.on(userId, listener);
      return () => emitter.off(userId, listener);
    },
  };
}

export type LiveEvents = ReturnType<typeof createLiveEvents>;
