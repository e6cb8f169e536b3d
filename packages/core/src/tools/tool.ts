import type { ToolInfo } from '@assay/model/spec';
import type { SandboxEnvironment } from '../sandbox/sandbox-environment.js';
import type { Store } from '../solver/store.js';

/** A tool's result: text, or a value that is JSON-encoded for the model. */
export type ToolResult = string | number | boolean | Record<string, unknown> | unknown[];

/** A tool the model can call: its description for the model plus the function that runs it. */
export interface Tool {
  readonly info: ToolInfo;
  /** Validates `args` against the tool's schema, then runs it. Throws `ToolArgumentsError` on invalid args. */
  execute(args: Record<string, unknown>, context: ToolContext): Promise<ToolResult>;
}

/** What a running tool may use: the sample's sandboxes and store, and a signal that cancels the call. */
export interface ToolContext {
  /** Aborted when the sample is cancelled; pass it on to `exec` so commands are killed with it. */
  signal?: AbortSignal;
  /**
   * The current sample's sandbox environment (the default one, or the one named `name`); the same as `sandbox()`.
   * Throws `SandboxError` `sandbox_not_provided` when the sample has no sandbox.
   */
  sandbox?: (name?: string) => SandboxEnvironment;
  /** The current sample's store, when the caller has it (`generate()` passes `state.store`). */
  store?: Store;
}
