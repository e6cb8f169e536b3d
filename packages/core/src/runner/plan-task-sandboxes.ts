import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DatasetSample } from '../dataset/index.js';
import type { SandboxEnvironmentSpec } from '../log/schema/eval-spec.js';
import { resolveSandboxProvider } from '../sandbox/builtin-sandboxes.js';
import type { SandboxConfig, SandboxProvider } from '../sandbox/define-sandbox.js';
import { SandboxError } from '../sandbox/sandbox-error.js';
import { resolveSandboxSpec } from '../sandbox/sandbox-spec.js';
import type { Task } from '../task/task.js';
import type { EvalOptions } from './eval-options.js';

/** Which sandbox each sample of a task runs in, decided (and its config files checked) before anything runs. */
export interface TaskSandboxPlan {
  /** The task-level spec (the eval's `sandbox`, else the task's), as `eval.sandbox` records it. */
  taskSpec: SandboxEnvironmentSpec | undefined;
  /** The spec a sample runs in: its own, else the task-level one. */
  specOf(sample: DatasetSample): SandboxEnvironmentSpec | undefined;
  /** The sample's own spec, config resolved, as `sample.sandbox` records it. */
  ownSpecOf(sample: DatasetSample): SandboxEnvironmentSpec | undefined;
  /** The provider of a spec's type. */
  providerOf(spec: SandboxEnvironmentSpec): SandboxProvider;
  /** Folder relative sample file and setup paths are read from: the task file's, else the working directory. */
  baseDir: string;
}

/** The key that tells distinct `{ type, config }` apart. */
export function sandboxSpecKey(spec: SandboxEnvironmentSpec): string {
  return JSON.stringify([spec.type, spec.config ?? null]);
}

/** Whether a config string names a file (`compose.yaml`, `Dockerfile`, `./rootfs/`) rather than, say, an image. */
function looksLikeConfigFile(config: string): boolean {
  return /\.(ya?ml|json|toml|ini|conf|cfg)$/i.test(config) || /(^|\/)[^/]*Dockerfile[^/]*$/.test(config) || /^\.{0,2}\//.test(config) || config.endsWith('/');
}

/**
 * A spec whose config is a path that exists, made absolute against `baseDir` (as Inspect resolves it). A config that
 * looks like a file but is not there is a `sandbox_config` error naming it; other strings (an image name) are left
 * for the provider's `validateConfig`.
 */
function withConfigFile(options: { spec: SandboxEnvironmentSpec; baseDir: string; where: string }): SandboxEnvironmentSpec {
  const { spec, baseDir, where } = options;
  if (typeof spec.config !== 'string') return spec;
  const file = path.resolve(baseDir, spec.config);
  if (existsSync(file)) return { ...spec, config: file };
  if (!looksLikeConfigFile(spec.config)) return spec;
  throw new SandboxError({
    code: 'sandbox_config',
    message: `The ${spec.type} sandbox config file "${spec.config}" of ${where} was not found (looked for ${file}). A relative config path is relative to the task file's folder (to the working directory for --sandbox).`,
    path: file,
  });
}

/**
 * Decides the sandbox of each sample of `samples` as Inspect does: the sample's own `sandbox`, else the eval's
 * (`--sandbox`), else the task's. Throws `sandbox_config` before any log exists for an unknown type or a config file
 * that is not there.
 */
export function planTaskSandboxes(options: { task: Task; eval: EvalOptions; samples: readonly DatasetSample[] }): TaskSandboxPlan {
  const { task } = options;
  const taskDir = task.file ? path.dirname(path.resolve(task.file)) : process.cwd();
  const evalSpec = options.eval.sandbox === undefined ? undefined : resolveSandboxSpec(options.eval.sandbox);
  const taskSpec = evalSpec
    ? withConfigFile({ spec: evalSpec, baseDir: process.cwd(), where: 'the eval (--sandbox)' })
    : task.sandbox
      ? withConfigFile({ spec: task.sandbox, baseDir: taskDir, where: `task "${task.name}"` })
      : undefined;
  const own = new Map<DatasetSample, SandboxEnvironmentSpec>();
  const providers = new Map<string, SandboxProvider>();
  const check = (spec: SandboxEnvironmentSpec): void => {
    if (!providers.has(spec.type)) providers.set(spec.type, resolveSandboxProvider(spec.type));
  };
  if (taskSpec) check(taskSpec);
  for (const sample of options.samples) {
    if (!sample.sandbox) continue;
    const spec = withConfigFile({
      spec: sample.sandbox as SandboxEnvironmentSpec,
      baseDir: taskDir,
      where: `sample ${JSON.stringify(sample.id)} of task "${task.name}"`,
    });
    check(spec);
    own.set(sample, spec);
  }
  return {
    taskSpec,
    specOf: (sample) => own.get(sample) ?? taskSpec,
    ownSpecOf: (sample) => own.get(sample),
    providerOf: (spec) => providers.get(spec.type) ?? resolveSandboxProvider(spec.type),
    baseDir: taskDir,
  };
}

/** A provider ready for samples: its config validated (and normalised) and its `taskInit` done. */
export interface InitialisedSandbox {
  provider: SandboxProvider;
  config: SandboxConfig;
}

/** The providers a task's samples use, initialised once per distinct `{ type, config }`, and their cleanup. */
export interface TaskSandboxes {
  /**
   * `validateConfig` then `taskInit` once for each distinct `{ type, config }` of `specs`, before any sample runs;
   * throws an error naming the sandbox when one fails (`cleanup` still cleans up those already started).
   */
  init(specs: readonly SandboxEnvironmentSpec[]): Promise<void>;
  /** The initialised provider and config for a sample's spec. */
  get(spec: SandboxEnvironmentSpec): InitialisedSandbox;
  /** Calls `taskCleanup` of every provider whose `taskInit` was called; errors go to `warn`. */
  cleanup(options: { cleanup: boolean; warn: (message: string) => void }): Promise<void>;
}

/** Creates the sandboxes of one task run (see {@link TaskSandboxes}). */
export function createTaskSandboxes(options: { plan: TaskSandboxPlan; taskName: string; runId: string }): TaskSandboxes {
  const ready = new Map<string, InitialisedSandbox>();
  const started: InitialisedSandbox[] = [];
  const hooks = { taskName: options.taskName, runId: options.runId };
  return {
    async init(specs) {
      for (const spec of specs) {
        const key = sandboxSpecKey(spec);
        if (ready.has(key)) continue;
        const provider = options.plan.providerOf(spec);
        const config = spec.config === null ? '' : ` (config ${typeof spec.config === 'string' ? spec.config : JSON.stringify(spec.config)})`;
        const described = `the ${spec.type} sandbox${config}`;
        let validated: SandboxConfig;
        try {
          validated = provider.validateConfig ? provider.validateConfig(spec.config as SandboxConfig) : (spec.config as SandboxConfig);
        } catch (error) {
          throw sandboxInitError(`Invalid config for ${described}: ${(error as Error).message}`, error);
        }
        const initialised = { provider, config: validated };
        started.push(initialised);
        try {
          await provider.taskInit?.({ ...hooks, config: validated });
        } catch (error) {
          throw sandboxInitError(`Starting ${described} for task "${options.taskName}" failed: ${(error as Error).message}`, error);
        }
        ready.set(key, initialised);
      }
    },
    get(spec) {
      const found = ready.get(sandboxSpecKey(spec));
      if (!found) throw new SandboxError({ code: 'sandbox_config', message: `The ${spec.type} sandbox was not initialised for this task.` });
      return found;
    },
    async cleanup({ cleanup, warn }) {
      for (const { provider, config } of started.splice(0).reverse()) {
        try {
          await provider.taskCleanup?.({ ...hooks, config, cleanup });
        } catch (error) {
          warn(`The ${provider.name} sandbox's task cleanup failed: ${(error as Error).message}`);
        }
      }
    },
  };
}

function sandboxInitError(message: string, cause: unknown): SandboxError {
  const code = cause instanceof SandboxError ? cause.code : 'sandbox_unavailable';
  return new SandboxError({ code, message, cause });
}
