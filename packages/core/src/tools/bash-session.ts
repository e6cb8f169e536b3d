import { z } from 'zod';
import type { SandboxEnvironment } from '../sandbox/sandbox-environment.js';
import { sandboxLimits } from '../sandbox/sandbox-environment.js';
import type { Store } from '../solver/store.js';
import { interactScript, startSessionScript, stopSessionScript } from './bash-session-scripts.js';
import { bashSessionDescription } from './bash-session-description.js';
import { defineTool } from './define-tool.js';
import type { Tool, ToolContext } from './tool.js';
import { ToolError } from './tool-error.js';
import { toolSandbox } from './tool-sandbox.js';

/** Options of {@link bashSession} (Inspect's `bash_session()` arguments). */
export interface BashSessionOptions {
  /** Seconds one call may take in all; at least `waitForOutput` + 180. @default waitForOutput + 180 */
  timeout?: number;
  /** Seconds to wait for output before returning what there is (possibly nothing). @default 30 */
  waitForOutput?: number;
  /** The user the shell runs as (where the provider supports it). */
  user?: string;
  /** Each distinct instance has its own shell, so two `bashSession()` tools can be kept apart. */
  instance?: string;
}

const defaultWaitForOutput = 30;
/** Seconds of quiet after some output that end a call, as Inspect's `DEFAULT_IDLE_TIME`. */
const idleTime = 0.5;
/** Inspect's allowance on top of `wait_for_output` for reaching the shell. */
const transportTimeout = 180;
/** The most output one call returns (its end); what comes back over `exec` must stay under the exec limit. */
const maxOutput = sandboxLimits.maxExecOutputSize - 4096;

const parameters = z
  .object({
    action: z.enum(['type', 'type_submit', 'restart', 'read', 'interrupt']).describe(
      [
        'The action to execute:',
        '- "type": Send input without a return key',
        '- "type_submit": Send input followed by a return key',
        '- "read": Read any new output without sending input',
        '- "interrupt": Send a Ctrl+C (ETX character) to interrupt the current process',
        '- "restart": Restart the bash session',
      ].join('\n'),
    ),
    input: z
      .string()
      .nullish()
      .describe(
        'The input to send to the shell.\nRequired for "type". Optional for "type_submit" actions. Must\nnot be provided for "restart", "read", or "interrupt" actions.',
      ),
  })
  .superRefine(({ action, input }, issues) => {
    const given = input !== undefined && input !== null;
    if (action === 'type' && !given) issues.addIssue({ code: 'custom', path: ['input'], message: `'input' is required for '${action}' action.` });
    if ((action === 'restart' || action === 'read' || action === 'interrupt') && given) {
      issues.addIssue({ code: 'custom', path: ['input'], message: `Do not provide 'input' with '${action}' action.` });
    }
  });

// The sample's sessions when the caller gave no store: per environment, so per sample.
const sessionsByEnvironment = new WeakMap<SandboxEnvironment, Map<string, string>>();
// One call at a time per session, as a person at one terminal.
const queues = new WeakMap<SandboxEnvironment, Map<string, Promise<unknown>>>();

async function serialized<TResult>(environment: SandboxEnvironment, instance: string, fn: () => Promise<TResult>): Promise<TResult> {
  let byInstance = queues.get(environment);
  if (!byInstance) queues.set(environment, (byInstance = new Map()));
  const current = (byInstance.get(instance) ?? Promise.resolve()).then(fn, fn);
  const settled = current.catch(() => undefined);
  byInstance.set(instance, settled);
  try {
    return await current;
  } finally {
    if (byInstance.get(instance) === settled) byInstance.delete(instance);
  }
}

/**
 * A tool that gives the model a long-lived bash shell in the sample's sandbox (Inspect's `bash_session`): the working
 * directory, variables, functions and background jobs persist between calls. Each call types into the shell and
 * returns the output that follows, until the shell shows its prompt again or goes quiet.
 * @example useTools(bashSession({ instance: 'attacker' }))
 */
export function bashSession(options: BashSessionOptions = {}): Tool {
  const waitForOutput = options.waitForOutput ?? defaultWaitForOutput;
  const minTimeout = waitForOutput + transportTimeout;
  const timeout = options.timeout ?? minTimeout;
  if (timeout < minTimeout) throw new Error(`Timeout must be at least ${minTimeout} seconds, but got ${timeout}.`);
  const storeKey = `BashSessionStore:${options.instance === undefined ? '' : `${options.instance}:`}session_id`;
  const execOptions = (context: ToolContext): { user?: string; timeout: number; signal?: AbortSignal } => ({
    user: options.user,
    timeout,
    signal: context.signal,
  });

  const sessions = (context: ToolContext, environment: SandboxEnvironment): SessionIds => {
    if (context.store) return storeSessions(context.store, storeKey);
    let map = sessionsByEnvironment.get(environment);
    if (!map) sessionsByEnvironment.set(environment, (map = new Map()));
    const key = options.instance ?? '';
    return { get: () => map.get(key), set: (id) => void map.set(key, id) };
  };

  const start = async (environment: SandboxEnvironment, context: ToolContext): Promise<string> => {
    const result = await environment.exec(['bash', '-c', startSessionScript], execOptions(context));
    if (!result.success || !result.stdout) {
      throw new ToolError(`Could not start a bash session: ${result.stderr.trim() || `exit code ${result.returncode}`}`);
    }
    return result.stdout;
  };

  const interact = async (
    environment: SandboxEnvironment,
    context: ToolContext,
    session: string,
    mode: 'send' | 'interrupt' | 'read',
    input: string,
  ): Promise<string | undefined> => {
    const result = await environment.exec(
      ['bash', '-c', interactScript, 'bash', session, mode, String(waitForOutput * 1000), String(idleTime * 1000), String(maxOutput)],
      { ...execOptions(context), input },
    );
    if (result.stdout.startsWith('gone')) return undefined;
    if (!result.stdout.startsWith('ok\n')) {
      throw new ToolError(`The bash session failed: ${result.stderr.trim() || `exit code ${result.returncode}`}`);
    }
    return cleanOutput(result.stdout.slice('ok\n'.length), session);
  };

  return defineTool({
    name: 'bash_session',
    description: bashSessionDescription,
    parameters,
    async execute({ action, input }, context) {
      const environment = toolSandbox(context);
      const ids = sessions(context, environment);
      const run = async (): Promise<string> => {
        let session = ids.get();
        if (action === 'restart') {
          if (session) await environment.exec(['bash', '-c', stopSessionScript, 'bash', session], execOptions(context));
          ids.set(await start(environment, context));
          return 'shell restarted successfully';
        }
        // Without a terminal there is no Ctrl+C character: ETX becomes an interrupt of the shell's foreground command.
        let text = action === 'type' ? (input ?? '') : action === 'type_submit' ? `${input ?? ''}\n` : '';
        let mode: 'send' | 'interrupt' | 'read' = action === 'read' ? 'read' : action === 'interrupt' ? 'interrupt' : 'send';
        if (text.includes('\u0003')) {
          text = '';
          mode = 'interrupt';
        }
        if (!session) ids.set((session = await start(environment, context)));
        const output = await interact(environment, context, session, mode, text);
        if (output !== undefined) return output;
        // The shell is gone (it ran `exit`, or was killed): start another, as a person would open a new terminal.
        ids.set((session = await start(environment, context)));
        return (await interact(environment, context, session, mode, text)) ?? '';
      };
      return serialized(environment, options.instance ?? '', run);
    },
  });
}

interface SessionIds {
  get(): string | undefined;
  set(id: string): void;
}

/** Session ids kept in the sample's store, under the key Inspect's `store_as(BashSessionStore, instance)` uses. */
function storeSessions(store: Store, key: string): SessionIds {
  return { get: () => store.get<string>(key) || undefined, set: (id) => store.set(key, id) };
}

/** The shell's output as the model reads it: prompt markers and control characters removed, as Inspect does. */
function cleanOutput(output: string, session: string): string {
  const id = session.slice(session.lastIndexOf('.') + 1);
  return (
    output
      .split(`\u001f${id}\u001f`)
      .join('')
      // Bash's complaint, without a terminal, after a command it runs is killed by a signal.
      .replace(/^bash: \[\d+: \d+ \(\d+\)\] tcsetattr: Inappropriate ioctl for device\n/gm, '')
      .replace(/\u001b(?:[@-Z\\-_]|\[[0-9;]*[A-Za-z]|\]8;.*;|\([AB012])/g, '')
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
  );
}
