import type { EvalSample } from './schema/eval-sample.js';
import type { EvalSampleSummary } from './schema/eval-sample-summary.js';

const MAX_SUMMARY_VALUE = 1024;
const REMOVED = 'Key removed from summary (> 1k)';

/**
 * The summary of a sample as Inspect writes it to `summaries.json`: identity, input, target, scores and usage,
 * with large metadata values dropped and long score texts shortened so that summaries stay small.
 */
export function toSampleSummary(sample: EvalSample): EvalSampleSummary {
  const summary: EvalSampleSummary = {
    id: sample.id,
    epoch: sample.epoch,
    input: sample.input,
    target: sample.target ?? '',
    metadata: thinRecord(sample.metadata ?? {}),
    model_usage: sample.model_usage ?? {},
    role_usage: sample.role_usage ?? {},
    completed: true,
  };
  if (sample.choices != null) summary.choices = sample.choices;
  // Always an object, `{}` for a sample that errored before scoring: Inspect's viewer calls Object.keys() on it.
  summary.scores = Object.fromEntries(
    Object.entries(sample.scores ?? {}).map(([name, score]) => {
      const thin: Record<string, unknown> = { value: score.value };
      if (score.answer != null) thin.answer = thinText(score.answer);
      if (score.explanation != null) thin.explanation = thinText(score.explanation);
      if (score.metadata != null) thin.metadata = thinRecord(score.metadata);
      thin.history = [];
      return [name, thin];
    }),
  ) as EvalSampleSummary['scores'];
  if (sample.started_at != null) summary.started_at = sample.started_at;
  if (sample.completed_at != null) summary.completed_at = sample.completed_at;
  if (sample.total_time != null) summary.total_time = sample.total_time;
  if (sample.working_time != null) summary.working_time = sample.working_time;
  if (sample.uuid != null) summary.uuid = sample.uuid;
  if (sample.error != null) summary.error = sample.error.message;
  if (sample.limit != null) summary.limit = sample.limit.type;
  summary.retries = sample.error_retries?.length ?? 0;
  summary.message_count = sample.messages?.length ?? 0;
  return summary;
}

function thinRecord(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      if (typeof value === 'string') return [key, value.length > MAX_SUMMARY_VALUE ? REMOVED : value];
      if (value === null || typeof value !== 'object') return [key, value];
      const size = JSON.stringify(value)?.length ?? 0;
      return [key, size > MAX_SUMMARY_VALUE ? REMOVED : value];
    }),
  );
}

// Inspect collapses whitespace in summary texts and cuts them short.
function thinText(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ');
  return collapsed.length > 5 * MAX_SUMMARY_VALUE ? `${collapsed.slice(0, 5 * MAX_SUMMARY_VALUE)}...` : collapsed;
}
