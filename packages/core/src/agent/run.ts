import type { ChatMessage } from '@assay/model/spec';
import { applyLimits } from '../limits/apply-limits.js';
import type { Limit } from '../limits/limit.js';
import type { LimitExceededError } from '../solver/limit-exceeded-error.js';
import { type Agent, type AgentState, emptyAgentOutput } from './agent.js';

/** Options of {@link run}. */
export interface RunOptions {
  /** Limits for this run only; a limit hit stops the agent and is returned rather than thrown. */
  limits?: readonly Limit[];
  /** Arguments passed to the agent besides its state. */
  args?: Record<string, unknown>;
}

/**
 * Runs an agent on an input (a string, messages or a state; copied, not changed). With `limits`, returns the state
 * and the limit error that stopped the agent, if one did: `const [state, limitError] = await run(agent, input, { limits })`.
 * @example const state = await run(react({ tools: [add] }), 'What is 1 + 1?');
 */
export function run(
  agent: Agent,
  input: string | readonly ChatMessage[] | AgentState,
  options: RunOptions & { limits: readonly Limit[] },
): Promise<[AgentState, LimitExceededError | undefined]>;
export function run(
  agent: Agent,
  input: string | readonly ChatMessage[] | AgentState,
  options?: Omit<RunOptions, 'limits'>,
): Promise<AgentState>;
export async function run(
  agent: Agent,
  input: string | readonly ChatMessage[] | AgentState,
  options: RunOptions = {},
): Promise<AgentState | [AgentState, LimitExceededError | undefined]> {
  const messages: ChatMessage[] =
    typeof input === 'string'
      ? [{ role: 'user', content: input, source: 'input' }]
      : (Array.isArray(input) ? (input as readonly ChatMessage[]) : (input as AgentState).messages).map((message) => ({
          ...message,
          source: 'input' as const,
        }));
  const state: AgentState = { messages, output: emptyAgentOutput() };
  if (!options.limits) return agent.execute(state, options.args);
  const scoped = await applyLimits({ limits: options.limits, catchErrors: true }, () => agent.execute(state, options.args));
  // The agent changes its state in place, so the work done before a limit stopped it is kept.
  return [scoped.limitError ? state : scoped.result, scoped.limitError];
}
