import type { ToolCall } from '../../../shared/tool-call';

// The row truncates with CSS; this only bounds the work for very large arguments.
const SUMMARY_MAX = 240;

const pad = (value: number) => String(value).padStart(2, '0');

/** Local wall-clock time, HH:MM:SS. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '--:--:--';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatDuration(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** `title: "Buy milk", priority: "high"`: one line, values as JSON. */
export function summarizeArguments(args: unknown): string {
  if (args === undefined || args === null) return '';
  if (typeof args !== 'object' || Array.isArray(args)) return clip(toJson(args));
  let text = '';
  for (const [key, value] of Object.entries(args)) {
    text += `${text ? ', ' : ''}${key}: ${toJson(value)}`;
    if (text.length > SUMMARY_MAX) break;
  }
  return clip(text);
}

function clip(text: string): string {
  return text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX)}…` : text;
}

export function outcomeText(call: ToolCall): string {
  return call.outcome === 'error' ? `error${call.error_code ? ` ${call.error_code}` : ''}` : 'success';
}

export const toPrettyJson = (value: unknown): string => toJson(value, 2);

/** JSON.stringify answers undefined for undefined (and functions), though its type says string. */
function toJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent) as string | undefined;
  return text ?? 'undefined';
}
