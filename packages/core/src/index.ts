// @assay/core: authoring and running evals. The browser-safe log schemas and parsers are at `@assay/core/log`.

// Tasks
export {
  task,
  defineTask,
  TaskOptionsError,
  type Task,
  type TaskOptions,
  type Epochs,
  type FailOnError,
  type TaskFactory,
  type DefineTaskOptions,
  type TaskDefinition,
  type TaskResult,
} from './task/index.js';
export { UnknownOptionError } from './util/unknown-option-error.js';
export type { ModelSpec } from './model/model-spec.js';
export { EmptySelectionError } from './runner/empty-selection-error.js';

// Datasets
export {
  memoryDataset,
  jsonDataset,
  csvDataset,
  filterDataset,
  shuffleDataset,
  shuffleChoices,
  limitDataset,
  selectSamples,
  DatasetError,
  type Dataset,
  type DatasetSample,
  type DatasetRecord,
  type FieldSpec,
  type RecordToSample,
  type DatasetLimit,
  type MemoryDatasetOptions,
  type JsonDatasetOptions,
  type CsvDatasetOptions,
  type DatasetEncoding,
} from './dataset/index.js';
export { sampleSchema, type Sample } from './log/schema/sample.js';

// Solvers and task state
export {
  defineSolver,
  SolverOptionsError,
  LimitExceededError,
  generate,
  systemMessage,
  userMessage,
  assistantMessage,
  promptTemplate,
  chainOfThought,
  defaultChainOfThoughtTemplate,
  selfCritique,
  defaultCritiqueTemplate,
  defaultCritiqueCompletionTemplate,
  multipleChoice,
  multipleChoiceTemplates,
  useTools,
  chain,
  fork,
  formatTemplate,
  createTaskState,
  createStore,
  storeAs,
  createTarget,
  createGenerate,
  inputText,
  type Solver,
  type SolverFactory,
  type SolveFunction,
  type TaskState,
  type Choice,
  type Generate,
  type GenerateOptions,
  type Store,
  type StoreAsOptions,
  type Target,
  type LimitType,
} from './solver/index.js';

// Tools
export {
  defineTool,
  executeToolCalls,
  ToolError,
  ToolArgumentsError,
  type Tool,
  type ToolContext,
  type ToolResult,
  type ToolDefinition,
} from './tools/index.js';

// Sandboxes
export {
  sandbox,
  defineSandbox,
  SandboxError,
  sandboxLimits,
  localSandbox,
  type SandboxEnvironment,
  type SandboxProvider,
  type SandboxSpec,
  type SandboxConfig,
  type SandboxHookOptions,
  type SandboxConnection,
  type SandboxErrorCode,
  type ExecOptions,
  type ExecResult,
} from './sandbox/index.js';

// Scorers
export {
  defineScorer,
  match,
  includes,
  pattern,
  answer,
  exact,
  f1,
  choice,
  modelGradedQa,
  modelGradedQaTemplate,
  modelGradedFactTemplate,
  modelGradedFact,
  multiScorer,
  builtinScorers,
  scorersFromLog,
  type Scorer,
  type ScorerMetrics,
} from './scorer/index.js';
export { CORRECT, INCORRECT, PARTIAL, NOANSWER, type Score, type ScoreValue } from './log/schema/score.js';

// Metrics and epoch reducers
export {
  defineMetric,
  accuracy,
  mean,
  stderr,
  std,
  variance,
  bootstrapStderr,
  grouped,
  valueToFloat,
  scoreReducer,
  type Metric,
  type MetricValue,
  type SampleScore,
  type ScoreReducer,
} from './metrics/index.js';

// Models
export { resolveModel, type ResolveModelOptions } from './model/active-model.js';
export { getModel, registerProvider, observeModelCalls, type Model } from '@assay/model';

// Running
export {
  evaluate,
  evalRetry,
  evalSet,
  EvalRetryError,
  importTask,
  taskFromModule,
  TaskNotFoundError,
  readLogHeader,
  scoreEvalLog,
  NoModelError,
  EvalOptionsError,
  createEvalEventEmitter,
  type EvalOptions,
  type EvalRetryOptions,
  type EvalRetryErrorCode,
  type EvalSetOptions,
  type EvalSetResult,
  type TaskLoader,
  type LogHeader,
  type ScoreEvalLogOptions,
  type EvalEvents,
  type EvalEventEmitter,
  type TaskInput,
  type TaskRef,
} from './runner/index.js';
export { currentTranscript, type Transcript, type TranscriptEvent } from './events/transcript.js';

// Logs (file access; schemas and parsing are also at `@assay/core/log`)
export {
  readEvalLog,
  recoverEvalLog,
  readEvalLogSample,
  readEvalLogSamples,
  readEvalLogSampleSummaries,
  writeEvalLog,
  createEvalLogWriter,
  listEvalLogs,
  openFileSource,
  createLiveSampleBuffer,
  liveSampleBufferPaths,
  type LiveSampleBuffer,
  type LiveSampleBufferPaths,
  type CreateLiveSampleBufferOptions,
  type RunningSample,
  type ReadLogFileOptions,
  type EvalLogWriter,
  type CreateEvalLogWriterOptions,
} from './log/node/index.js';
export { LogError, evalLogJsonSchema, type EvalLogInfo } from './log/index.js';
export type {
  EvalLog,
  EvalSample,
  EvalSpec,
  EvalPlan,
  EvalResults,
  EvalScore,
  EvalStats,
  EvalError,
  EvalSampleSummary,
} from './log/schema/index.js';
