import type { ChatMessage } from '@assay/model/spec';
import { messageText } from '@assay/model/spec';
import { z } from 'zod';
import { applyLimits } from '../limits/apply-limits.js';
import type { Limit } from '../limits/limit.js';
import { defineTool } from '../tools/define-tool.js';
import type { Tool } from '../tools/tool.js';
import { ToolError } from '../tools/tool-error.js';
import { type Agent, type AgentState, emptyAgentOutput } from './agent.js';

/** Options of {@link asTool}. */
export interface AsToolOptions {
  /** What the tool does, for the model. @default the agent's description */
  description?: string;
  /** Limits for each call; a limit hit ends the call with an error the model reads. */
  limits?: readonly Limit[];
  /** Arguments passed to the agent that the model does not see. */
  args?: Record<string, unknown>;
}

/**
 * Offers an agent to a model as a tool named after it: the model passes an `input` (and the agent's `parameters`),
 * the agent runs on it as a new conversation, and its last answer is the tool's result.
 * @example react({ tools: [asTool(researcher)] })
 */
export function asTool(agent: Agent, options: AsToolOptions = {}): Tool {
  const description = options.description ?? agent.description;
  if (!description) {
    throw new TypeError(`asTool: agent "${agent.name}" has no description; give it one or pass { description }.`);
  }
  const parameters = z.object({ input: z.string().describe('Input message.'), ...(agent.parameters?.shape ?? {}) });
  const limits = options.limits ?? [];
  return defineTool({
    name: agent.name,
    description,
    parameters,
    async execute({ input, ...rest }) {
      const state: AgentState = { messages: [{ role: 'user', content: input, source: 'input' }], output: emptyAgentOutput() };
      const scoped = await applyLimits({ limits, catchErrors: true }, () =>
        agent.execute(state, { ...rest, ...options.args }),
      );
      if (scoped.limitError) {
        throw new ToolError(`The ${agent.name} agent exceeded its ${scoped.limitError.type} limit: ${scoped.limitError.message}`);
      }
      return answerText(scoped.result);
    },
  });
}

/** The agent's answer: its output's text, else its last assistant message. */
function answerText(state: AgentState): string {
  const message = state.output.choices[0]?.message;
  if (message) return messageText(message);
  const last: ChatMessage | undefined = state.messages.at(-1);
  return last?.role === 'assistant' ? messageText(last) : '';
}
