import type { ToolCallRow } from '../tool-call-repository';

export type WorkerRequest = { id: number; type: 'write'; batch: ToolCallRow[] } | { id: number; type: 'close' };
export type WorkerReply = { id: number; ok: true } | { id: number; ok: false; message: string };
