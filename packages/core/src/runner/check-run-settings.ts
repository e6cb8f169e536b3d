import { generateConfigSchema, type GenerateConfig } from '@assay/model/spec';
import { modelCostConfigSchema } from '../limits/model-cost.js';
import type { Task } from '../task/task.js';
import type { EvalOptions } from './eval-options.js';
import { EvalOptionsError } from './eval-options-error.js';

type NumberKind = 'count' | 'whole' | 'positive' | 'nonnegative';

const kinds: Record<NumberKind, { text: string; fits: (value: number) => boolean }> = {
  count: { text: 'a whole number of 1 or more', fits: (value) => Number.isInteger(value) && value >= 1 },
  whole: { text: 'a whole number of 0 or more', fits: (value) => Number.isInteger(value) && value >= 0 },
  positive: { text: 'a number above 0', fits: (value) => value > 0 },
  nonnegative: { text: 'a number of 0 or more', fits: (value) => value >= 0 },
};

const runNumbers = {
  epochs: 'count',
  maxConnections: 'count',
  maxSamples: 'count',
  maxTasks: 'count',
  messageLimit: 'count',
  tokenLimit: 'count',
  turnLimit: 'count',
  timeLimit: 'positive',
  workingLimit: 'positive',
  costLimit: 'positive',
  retryOnError: 'whole',
  logBuffer: 'count',
  logFlushInterval: 'nonnegative',
  cancelGrace: 'nonnegative',
  maxSandboxes: 'count',
} as const satisfies Record<string, NumberKind>;

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}" (a string)` : Array.isArray(value) ? 'a list' : String(value);
}

function checkNumber(options: { source: string; option: string; value: unknown; kind: NumberKind }): void {
  const { value, kind } = options;
  if (value === undefined || (typeof value === 'number' && Number.isFinite(value) && kinds[kind].fits(value))) return;
  const fix = typeof value === 'string' && kinds[kind].fits(Number(value)) ? `; write ${options.option}: ${Number(value)}` : '';
  throw new EvalOptionsError({ ...options, problem: `must be ${kinds[kind].text}, got ${shown(value)}${fix}` });
}

function checkFailOnError(source: string, value: unknown): void {
  if (value === undefined || typeof value === 'boolean') return;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && (value < 1 || Number.isInteger(value))) return;
  throw new EvalOptionsError({
    source,
    option: 'failOnError',
    problem: `must be true, false, a fraction below 1 or a whole count, got ${shown(value)}`,
  });
}

function checkConfig(source: string, config: GenerateConfig | undefined): void {
  if (config === undefined) return;
  const parsed = generateConfigSchema.safeParse(config);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const key = issue.path.map(String).join('.');
  const value = issue.path.reduce<unknown>((item, part) => (item as Record<PropertyKey, unknown> | undefined)?.[part], config);
  throw new EvalOptionsError({
    source,
    option: `config.${key}`,
    problem: `is not valid (${issue.message.replace(/^Invalid input: /, '')}), got ${shown(value)}`,
  });
}

function checkModelCosts(source: string, costs: unknown): void {
  if (costs === undefined) return;
  const parsed = modelCostConfigSchema.safeParse(costs);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  throw new EvalOptionsError({
    source,
    option: ['modelCostConfig', ...issue.path.map(String)].join('.'),
    problem: `is not valid (${issue.message.replace(/^Invalid input: /, '')}); give { input, output } in dollars per million tokens`,
  });
}

/**
 * Checks the numeric settings of a run (options and each task's own), so that a value such as `maxConnections: 0` or
 * `tokenLimit: "100"` fails at once with an {@link EvalOptionsError} rather than hanging the run or breaking its log.
 */
export function checkRunSettings(options: { evalOptions: EvalOptions; tasks: readonly Task[] }): void {
  const { evalOptions } = options;
  const source = 'eval options';
  for (const [option, kind] of Object.entries(runNumbers)) {
    checkNumber({ source, option, value: (evalOptions as Record<string, unknown>)[option], kind });
  }
  checkFailOnError(source, evalOptions.failOnError);
  checkConfig(source, evalOptions.config);
  checkModelCosts(source, evalOptions.modelCostConfig);
  for (const task of options.tasks) {
    const taskSource = `task "${task.name}"`;
    for (const option of ['epochs', 'messageLimit', 'tokenLimit', 'turnLimit', 'timeLimit', 'workingLimit', 'costLimit'] as const) {
      checkNumber({ source: taskSource, option, value: task[option], kind: runNumbers[option] });
    }
    checkFailOnError(taskSource, task.failOnError);
    checkConfig(taskSource, task.config);
  }
}
