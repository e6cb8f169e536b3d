import type { EvalLog } from '@assay/core';
import { describeMiss, type FailUnderMiss } from './fail-under.js';

/** Cell text that cannot break a markdown table row: HTML escaped, `|` escaped, line breaks as `<br>`. */
export function markdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>')
    // Other control characters (terminal escapes among them) have no place in a summary.
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

function formatValue(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/**
 * A markdown summary of finished runs, for a CI job page (`$GITHUB_STEP_SUMMARY`): a table row per task × model ×
 * metric with status and sample counts, the `--fail-under` misses, and the log paths.
 */
export function markdownSummary(options: { logs: readonly EvalLog[]; misses?: readonly FailUnderMiss[] }): string {
  const lines = ['## Assay results', '', '| task | model | status | samples | scorer | metric | value |', '|---|---|---|---|---|---|---|'];
  for (const log of options.logs) {
    const results = log.results;
    const samples = results ? `${results.completed_samples}/${results.total_samples}` : '';
    const head = [log.eval.task, log.eval.model, log.status, samples];
    const metrics = (results?.scores ?? []).flatMap((score) =>
      Object.entries(score.metrics ?? {}).map(([metric, { value }]) => [score.reducer ? `${score.name} (${score.reducer})` : score.name, metric, formatValue(value)]),
    );
    for (const row of metrics.length > 0 ? metrics : [['', '', '']]) lines.push(`| ${[...head, ...row].map(markdownCell).join(' | ')} |`);
  }
  const misses = options.misses ?? [];
  if (misses.length > 0) {
    lines.push('', `**Below --fail-under thresholds (${misses.length}):**`, '');
    for (const miss of misses) lines.push(`- ${markdownCell(describeMiss(miss).replace(/^fail-under: /, ''))}`);
  }
  const errors = options.logs.filter((log) => log.error);
  if (errors.length > 0) {
    lines.push('', '**Errors:**', '');
    for (const log of errors) lines.push(`- ${markdownCell(`${log.eval.task} · ${log.eval.model}: ${log.error?.message.split('\n')[0] ?? ''}`)}`);
  }
  lines.push('', '<details><summary>Logs</summary>', '');
  for (const log of options.logs) lines.push(`- \`${(log.location ?? '').replace(/`/g, '')}\``);
  lines.push('', '</details>', '');
  return lines.join('\n');
}
