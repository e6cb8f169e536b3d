import type { SandboxEnvironment } from './sandbox-environment.js';
import { SandboxError } from './sandbox-error.js';

/** A provider's config as given in a spec: usually a file path (`compose.yaml`) or an object the provider checks. */
export type SandboxConfig = string | Record<string, unknown> | null;

/** What every lifecycle hook of a provider is told. */
export interface SandboxHookOptions {
  /** The task's name. */
  taskName: string;
  /** The config from the spec (`null` when none); file paths are absolute, resolved against the task file's folder. */
  config: SandboxConfig;
  /** The eval's run id; name and label what you create with it so cleanup finds exactly this run's. */
  runId: string;
}

/**
 * A sandbox provider (Inspect's `SandboxEnvironment` class methods), registered by name with {@link defineSandbox}.
 * The runner calls `taskInit` once per task and config before any sample, `sampleInit`/`sampleCleanup` around each
 * sample, `taskCleanup` at the end; `cliCleanup` backs `assay sandbox cleanup`.
 */
export interface SandboxProvider {
  /** The name used in specs and `--sandbox` (`docker`, `bwrap`). */
  readonly name: string;
  /**
   * Checks a config before anything runs; throw `SandboxError` (`sandbox_config`) saying which key or file is wrong.
   * May return a normalised config, which is what the hooks receive.
   */
  validateConfig?(config: SandboxConfig): SandboxConfig;
  /** How many sample environments may run at once when `--max-sandboxes` is not given (none: no limit). */
  defaultConcurrency?(): number | undefined;
  /** Prepares shared resources once per task (builds or pulls images, checks the binary is there). */
  taskInit?(options: SandboxHookOptions): Promise<void>;
  /**
   * Creates a sample's fresh environments, keyed by name. The default one is named `default`, or is the first
   * (compose's `x-default` service comes first).
   */
  sampleInit(
    options: SandboxHookOptions & { metadata: Record<string, unknown> },
  ): Promise<Record<string, SandboxEnvironment>>;
  /**
   * Removes a sample's environments (the very objects `sampleInit` returned, not the runner's recording wrappers);
   * `interrupted` when the run was cancelled. Must not throw for what is already gone.
   */
  sampleCleanup(
    options: SandboxHookOptions & { environments: Record<string, SandboxEnvironment>; interrupted: boolean },
  ): Promise<void>;
  /** Releases the task's shared resources; with `cleanup: false` (`--no-sandbox-cleanup`), keeps them and says where. */
  taskCleanup?(options: SandboxHookOptions & { cleanup: boolean }): Promise<void>;
  /**
   * Removes what runs left behind (`assay sandbox cleanup TYPE [ID]`): with an id, that environment; without, every
   * environment this provider made whose run is no longer alive. Returns what it removed, for the terminal.
   */
  cliCleanup?(options: { id?: string }): Promise<string[]>;
}

const providers = new Map<string, SandboxProvider>();

/**
 * Registers a sandbox provider under its name, so `sandbox: 'name'`, `--sandbox name` and `assay sandbox cleanup name`
 * find it. The built-in providers are registered the same way. Registering a name again replaces the provider.
 * @example
 * defineSandbox({ name: 'k8s', sampleInit: async ({ config }) => ({ default: await startPod(config) }), sampleCleanup: … });
 */
export function defineSandbox<TProvider extends SandboxProvider>(provider: TProvider): TProvider {
  if (!/^[a-z][a-z0-9_-]*$/.test(provider.name)) {
    throw new SandboxError({
      code: 'sandbox_config',
      message: `Invalid sandbox provider name "${provider.name}": use lower-case letters, digits, "_" and "-".`,
    });
  }
  providers.set(provider.name, provider);
  return provider;
}

/** The provider registered under `name`; throws `sandbox_config` listing the known names when there is none. */
export function sandboxProvider(name: string): SandboxProvider {
  const provider = providers.get(name);
  if (!provider) {
    throw new SandboxError({
      code: 'sandbox_config',
      message: `Unknown sandbox type "${name}". Known types: ${[...providers.keys()].sort().join(', ') || '(none)'}. A provider from another package must be imported (it calls defineSandbox) before the task runs.`,
    });
  }
  return provider;
}

/** The names of the registered providers. */
export function sandboxProviderNames(): string[] {
  return [...providers.keys()].sort();
}
