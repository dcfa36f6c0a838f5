import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics for one server instance (its own registry, so tests can run several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'taskdesk_' });
  const calls = new Counter({
    name: 'taskdesk_tool_calls_total',
    help: 'Tool calls answered, by tool and outcome.',
    labelNames: ['tool', 'outcome'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'taskdesk_tool_errors_total',
    help: 'Tool calls that answered with an error, by tool and error code.',
    labelNames: ['tool', 'code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'taskdesk_tool_call_duration_seconds',
    help: 'Time to answer a tool call, by tool.',
    labelNames: ['tool'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    observeToolCall(call: { tool: string; outcome: string; errorCode: string | null; durationMs: number }): void {
      calls.inc({ tool: call.tool, outcome: call.outcome });
      if (call.errorCode) errors.inc({ tool: call.tool, code: call.errorCode });
      duration.observe({ tool: call.tool }, call.durationMs / 1000);
    },
    /** Reports the UI's event streams: what slow readers hold in memory, and how many were cut. */
    observeEventStreams(streams: { bufferedBytes: () => number; slowReadersCut: () => number }): void {
      new Gauge({
        name: 'taskdesk_event_stream_buffered_bytes',
        help: 'Bytes written to UI event streams and not yet taken by their readers.',
        registers: [registry],
        collect() {
          this.set(streams.bufferedBytes());
        },
      });
      new Counter({
        name: 'taskdesk_event_streams_cut_total',
        help: 'UI event streams disconnected because their reader fell too far behind.',
        registers: [registry],
        collect() {
          this.reset();
          this.inc(streams.slowReadersCut());
        },
      });
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
