import { sandbox } from '../sandbox/sandbox.js';
import type { ExecResult, SandboxEnvironment } from '../sandbox/sandbox-environment.js';
import type { ToolContext } from './tool.js';

/** The sandbox environment a tool runs in: the context's (set by `executeToolCalls`), else the current sample's. */
export function toolSandbox(context: ToolContext, name?: string): SandboxEnvironment {
  return (context.sandbox ?? sandbox)(name);
}

/** A command's output as Inspect's `bash` and `python` tools return it: stderr (and a newline) before stdout. */
export function combinedOutput(result: ExecResult): string {
  return result.stderr ? `${result.stderr}\n${result.stdout}` : result.stdout;
}
