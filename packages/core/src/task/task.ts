import type { GenerateConfig, Model } from '@assay/model/spec';
import type { Dataset } from '../dataset/index.js';
import { memoryDataset } from '../dataset/index.js';
import type { SandboxEnvironmentSpec } from '../log/schema/eval-spec.js';
import type { Sample } from '../log/schema/sample.js';
import type { Metric, ScoreReducer } from '../metrics/metric.js';
import type { ApprovalPolicy } from '../approval/approval-policy.js';
import type { ModelSpec } from '../model/model-spec.js';
import type { Scorer } from '../scorer/scorer.js';
import type { Agent } from '../agent/agent.js';
import { asSolver } from '../agent/as-solver.js';
import type { Solver } from '../solver/solver.js';
import { generate } from '../solver/index.js';
import { resolveSandboxSpec, type SandboxSpec } from '../sandbox/sandbox-spec.js';
import { checkOptionKeys } from '../util/unknown-option-error.js';

/** How a sample counts as failed for `failOnError`: see {@link TaskOptions.failOnError}. */
export type FailOnError = boolean | number;

/** Epochs of a task: a count, or a count with the reducers that combine each sample's epoch scores. */
export type Epochs = number | { epochs: number; reducer?: string | ScoreReducer | Array<string | ScoreReducer> };

/** Options of {@link task}. */
export interface TaskOptions {
  /** Registry name of the task; written in the log. @default "task" */
  name?: string;
  dataset: Dataset | Sample[];
  /** Solvers run before the main solver (e.g. setup of state). */
  setup?: Solver | Solver[];
  /** The solver or chain of solvers; an agent (`react()`) runs as a solver, as `asSolver(agent)`. @default generate() */
  solver?: Solver | Agent | Array<Solver | Agent>;
  /** One or more scorers; each writes its own score on every sample. */
  scorer?: Scorer | Scorer[];
  /** Metrics that replace the scorers' own metrics. */
  metrics?: Metric[];
  /** Generate config for the model under evaluation. */
  config?: GenerateConfig;
  /** Epochs to run each sample, and how to reduce their scores. @default 1 */
  epochs?: Epochs;
  /** Messages in a sample's conversation before it stops with a `message` limit. */
  messageLimit?: number;
  /** Tokens (input + output, all models) a sample may use before it stops with a `token` limit. */
  tokenLimit?: number;
  /** Model generations a sample may make before it stops with a `turn` limit. */
  turnLimit?: number;
  /** Seconds a sample may run before it stops with a `time` limit. */
  timeLimit?: number;
  /** Seconds a sample may work (clock time less waits for model connections and retries) before a `working` limit. */
  workingLimit?: number;
  /** Dollars a sample's model calls may cost (priced with `modelCostConfig`) before it stops with a `cost` limit. */
  costLimit?: number;
  /**
   * When sample errors fail the task: `true` on the first, `false` never, a fraction in (0, 1) when more than
   * that proportion of samples fail, a count >= 1 when more than that many fail. @default true
   */
  failOnError?: FailOnError;
  /** Models bound to roles (`grader`) for this task; eval-level roles take precedence. */
  modelRoles?: Record<string, string | Model | ModelSpec>;
  /** Model this task runs on; takes precedence over the eval's `model` (`--model`), as in Inspect. */
  model?: string | Model;
  /**
   * Tool approval: policies, a policy file (YAML or JSON, Inspect's format) or an approver name (`human`); takes
   * precedence over the eval's `approval`, as in Inspect.
   */
  approval?: string | ApprovalPolicy[];
  metadata?: Record<string, unknown>;
  /** Version of the task definition. @default 0 */
  version?: number | string;
  /**
   * Where samples run commands (`'local'`, `'bwrap'`, `['docker', 'compose.yaml']`, `{ type, config }`); a sample's own
   * `sandbox` and the eval's (`--sandbox`) take precedence. A relative config path is relative to the task file.
   */
  sandbox?: SandboxSpec;
}

/** A task ready to run: the normalised form of {@link TaskOptions}. */
export interface Task {
  readonly name: string;
  readonly dataset: Dataset;
  readonly setup: Solver[];
  readonly solver: Solver[];
  readonly scorers: Scorer[];
  readonly metrics?: Metric[];
  readonly config: GenerateConfig;
  readonly epochs: number;
  readonly epochsReducer?: Array<string | ScoreReducer>;
  readonly messageLimit?: number;
  readonly tokenLimit?: number;
  readonly turnLimit?: number;
  readonly timeLimit?: number;
  readonly workingLimit?: number;
  readonly costLimit?: number;
  readonly failOnError?: FailOnError;
  readonly modelRoles: Record<string, string | Model | ModelSpec>;
  readonly model?: string | Model;
  readonly approval?: string | ApprovalPolicy[];
  readonly metadata: Record<string, unknown>;
  readonly version: number | string;
  /** The task's sandbox as the log records it (`{ type, config }`), config path not yet resolved. */
  readonly sandbox?: SandboxEnvironmentSpec;
  /** Arguments the task was created with (from `defineTask`), recorded as `task_args`. */
  readonly args: Record<string, unknown>;
  /** The file the task was loaded from, when loaded by the CLI. */
  readonly file?: string;
}

// Every key of TaskOptions, checked by the compiler both ways: task files load without type-checking, so task()
// checks at run time that a task sets no key it would ignore (`message_limit`, `approval`).
const taskOptionKeys = Object.keys({
  name: true,
  dataset: true,
  setup: true,
  solver: true,
  scorer: true,
  metrics: true,
  config: true,
  epochs: true,
  messageLimit: true,
  tokenLimit: true,
  turnLimit: true,
  timeLimit: true,
  workingLimit: true,
  costLimit: true,
  failOnError: true,
  modelRoles: true,
  model: true,
  approval: true,
  metadata: true,
  version: true,
  sandbox: true,
} satisfies Record<keyof TaskOptions, true>);

/** Renames repeated scorer names as Inspect does (`match`, `match1`, `match2`), since names key the scores. */
function uniqueScorers(scorers: readonly Scorer[]): Scorer[] {
  const used: string[] = [];
  return scorers.map((scorer) => {
    let name = scorer.name;
    for (let count = 1; used.includes(name); count++) name = `${scorer.name}${count}`;
    used.push(name);
    return name === scorer.name ? scorer : { ...scorer, name };
  });
}

function toList<TItem>(value: TItem | TItem[] | undefined): TItem[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Creates a task: a dataset, a solver chain and scorers.
 * @example task({ dataset: [{ input: 'Say hi', target: 'hi' }], solver: generate(), scorer: includes() })
 */
export function task(options: TaskOptions): Task {
  checkOptionKeys({ where: `task "${typeof options.name === 'string' ? options.name : 'task'}"`, value: options, known: taskOptionKeys });
  const dataset = Array.isArray(options.dataset) ? memoryDataset({ samples: options.dataset }) : options.dataset;
  const epochs = typeof options.epochs === 'object' ? options.epochs.epochs : (options.epochs ?? 1);
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new TypeError(`task "${options.name ?? 'task'}": epochs must be a whole number >= 1, got ${String(epochs)}.`);
  }
  const reducer = typeof options.epochs === 'object' ? options.epochs.reducer : undefined;
  const solver = toList(options.solver).map((step) => ('solve' in step ? step : asSolver(step)));
  return {
    name: options.name ?? 'task',
    dataset,
    setup: toList(options.setup),
    solver: solver.length > 0 ? solver : [generate()],
    scorers: uniqueScorers(toList(options.scorer)),
    metrics: options.metrics,
    config: options.config ?? {},
    epochs,
    epochsReducer: reducer === undefined ? undefined : toList(reducer),
    messageLimit: options.messageLimit,
    tokenLimit: options.tokenLimit,
    turnLimit: options.turnLimit,
    timeLimit: options.timeLimit,
    workingLimit: options.workingLimit,
    costLimit: options.costLimit,
    failOnError: options.failOnError,
    modelRoles: options.modelRoles ?? {},
    model: options.model,
    approval: options.approval,
    metadata: options.metadata ?? {},
    version: options.version ?? 0,
    ...(options.sandbox !== undefined ? { sandbox: resolveSandboxSpec(options.sandbox) } : {}),
    args: {},
  };
}
