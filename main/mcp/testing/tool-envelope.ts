import type { Task } from '../../../shared/task';
import type { Client } from './connect-client';

/** A tool's answer as a model reads it: the one response envelope. */
export interface Envelope {
  status: string;
  data?: Record<string, unknown>;
  error?: { code: string; message: string };
}

/** Calls a tool and returns its envelope, whatever its status. */
export async function callForEnvelope(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<Envelope> {
  const result = await client.callTool({ name, arguments: args });
  return result.structuredContent as Envelope;
}

/** Calls a tool that answers with a task, failing the test on any other answer. */
export async function callForTask(client: Client, name: string, args: Record<string, unknown>): Promise<Task> {
  const envelope = await callForEnvelope(client, name, args);
  if (envelope.status !== 'success') throw new Error(`${name} failed: ${JSON.stringify(envelope.error)}`);
  return (envelope.data as { task: Task }).task;
}
