import { addModelUsage, observeModelCalls, setCacheEpochSource, toLogGenerateConfig, type ModelCallEnd } from '@assay/model';
import { withToolSchemaDefaults } from '../log/schema/tool-schema-defaults.js';
import { LimitExceededError } from '../solver/limit-exceeded-error.js';
import type { EvalEventEmitter } from './eval-events.js';
import { sampleContext } from './sample-context.js';

/**
 * Records every model call made inside a sample of this run: a `model` event in its transcript, usage per model
 * and per role, and the token limit (exceeding it fails the call that crossed it with a `token` limit).
 */
export function recordModelCalls(options: { runId: string; events: EvalEventEmitter }): () => void {
  // The response cache keys `perEpoch` entries by the epoch of the sample making the call.
  const stopEpochSource = setCacheEpochSource(() => sampleContext.getStore()?.epoch);
  const stopObserving = observeModelCalls({
    onCallEnd(call: ModelCallEnd) {
      const context = sampleContext.getStore();
      if (!context || context.runId !== options.runId) return;
      context.transcript.record({
        event: 'model',
        model: call.model,
        role: call.role ?? null,
        input: call.input,
        tools: call.tools.map(withToolSchemaDefaults),
        tool_choice: call.toolChoice,
        config: toLogGenerateConfig(call.config),
        output: call.output,
        retries: call.retries,
        error: call.error ?? null,
        cache: call.cache ?? (call.cached ? 'read' : null),
        call: call.call ?? null,
        completed: call.completedAt,
        working_time: call.workingTime,
        timestamp: call.startedAt,
        // Inspect's ModelEvent has no field for the time spent between retries; it goes in the event's metadata.
        ...(call.retries > 0 && call.retryWaitTime !== undefined ? { metadata: { retry_wait_time: call.retryWaitTime } } : {}),
      });
      context.waitingTime += call.waitingTime ?? 0;
      const usage = call.output.usage;
      if (usage) {
        context.modelUsage[call.model] = addModelUsage(context.modelUsage[call.model], usage);
        if (call.role) context.roleUsage[call.role] = addModelUsage(context.roleUsage[call.role], usage);
        context.totalTokens += usage.input_tokens + usage.output_tokens;
      }
      // Object.assign rather than a spread on the per-call path (architecture/log-sink.md, "A hidden class per object").
      const payload = Object.assign({}, context.ref, { sampleId: context.sampleId, epoch: context.epoch, call });
      options.events.emit('model-call-end', payload);
      if (context.tokenLimit !== undefined && context.totalTokens > context.tokenLimit) {
        throw new LimitExceededError({ type: 'token', limit: context.tokenLimit, value: context.totalTokens });
      }
    },
  });
  return () => {
    stopObserving();
    stopEpochSource();
  };
}
