import { z } from 'zod';
import { defineTool } from './define-tool.js';
import type { Tool } from './tool.js';
import { combinedOutput, toolSandbox } from './tool-sandbox.js';

/** Options of {@link python} (Inspect's `python()` arguments). */
export interface PythonOptions {
  /** Seconds before the script and its children are killed; the model is told it timed out. */
  timeout?: number;
  /** The user to run as (where the provider supports it). */
  user?: string;
  /** The sandbox environment to run in (a compose service); the sample's default if not given. */
  sandbox?: string;
}

const description = [
  'Use the python function to execute Python code.',
  '',
  'The Python tool executes single-run Python scripts. Important notes:',
  '1. Each execution is independent - no state is preserved between runs',
  '2. You must explicitly use print() statements to see any output',
  '3. Simply writing expressions (like in notebooks) will not display results',
  '4. The script cannot accept interactive input during execution',
  "5. Return statements alone won't produce visible output",
  '6. All variables and imports are cleared between executions',
  '7. Standard output (via print()) is the only way to see results',
].join('\n');

/**
 * A tool that runs Python code in the sample's sandbox (Inspect's `python`): the code is piped to `python3 -` in a
 * fresh process per call, and stderr then stdout are returned. The sandbox needs `python3`.
 * @example useTools(python({ timeout: 60 }))
 */
export function python(options: PythonOptions = {}): Tool {
  return defineTool({
    name: 'python',
    description,
    parameters: z.object({ code: z.string().describe('The python code to execute.') }),
    async execute({ code }, context) {
      const result = await toolSandbox(context, options.sandbox).exec(['bash', '--login', '-c', 'python3 -'], {
        input: code,
        timeout: options.timeout,
        user: options.user,
        signal: context.signal,
      });
      return combinedOutput(result);
    },
  });
}
