import { z } from 'zod';
import { defineTool } from './define-tool.js';
import type { Tool } from './tool.js';
import { combinedOutput, toolSandbox } from './tool-sandbox.js';

/** Options of {@link bash} (Inspect's `bash()` arguments). */
export interface BashOptions {
  /** Seconds before the command and its children are killed; the model is told it timed out. */
  timeout?: number;
  /** The user to run commands as (where the provider supports it). */
  user?: string;
  /** The sandbox environment to run in (a compose service); the sample's default if not given. */
  sandbox?: string;
  /** Tell the model, in the tool's description, to run long commands in the background and poll them. @default false */
  background?: boolean;
}

/**
 * A tool that runs a bash command in the sample's sandbox (Inspect's `bash`): a fresh `bash --login -c` per call,
 * returning stderr then stdout, whatever the exit status.
 * @example task({ dataset, solver: [useTools(bash({ timeout: 180 })), generate()], sandbox: 'bwrap' })
 */
export function bash(options: BashOptions = {}): Tool {
  return defineTool({
    name: 'bash',
    description: options.background ? backgroundDescription(options.timeout) : 'Use this function to execute bash commands.',
    parameters: z.object({ command: z.string().describe('The bash command to execute.') }),
    async execute({ command }, context) {
      const result = await toolSandbox(context, options.sandbox).exec(['bash', '--login', '-c', command], {
        timeout: options.timeout,
        user: options.user,
        signal: context.signal,
      });
      return combinedOutput(result);
    },
  });
}

// Inspect's wording, kept free of any evaluation framing so it does not cue the model.
function backgroundDescription(timeout: number | undefined): string {
  const launch =
    'Launch the process and record its PID in the same call (`$!` is only valid in the call that launched it):\n\n' +
    '  nohup <command> > /tmp/task.log 2>&1 & echo "PID $!"\n\n' +
    'Each call runs in a fresh shell, but a background process keeps running between calls. Track the PID and log path yourself, then poll in later calls:\n\n' +
    '  ps -p <PID>                # still running?\n' +
    '  tail -n 50 /tmp/task.log   # latest output';
  if (timeout === undefined) {
    return (
      'Use this function to execute bash commands.\n\n' +
      'For long-running operations (builds, large downloads, model training, long-running servers), consider starting them in the background so you can continue working and check on progress in later calls instead of blocking a single call. ' +
      launch
    );
  }
  return (
    'Use this function to execute bash commands.\n\n' +
    `This tool terminates any command that runs longer than ${timeout} seconds. For operations that may exceed this (builds, large downloads, model training, long-running servers), start them in the background and check on them in later calls instead of blocking. ` +
    launch +
    `\n\nDo not use \`sleep\` to wait for completion: a sleep longer than ${timeout}s is itself terminated. Return and check again in a later call.`
  );
}
