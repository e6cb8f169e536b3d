import type { Solver } from '../solver/solver.js';
import type { Agent } from './agent.js';

/**
 * Uses an agent as a solver: it runs on the sample's conversation, which becomes the agent's, and its output (when it
 * made one) becomes the sample's. Recorded in the plan under the agent's name and args.
 * @example task({ dataset, solver: asSolver(react({ tools: [bash()] })), scorer: includes() })
 */
export function asSolver(agent: Agent): Solver {
  return {
    name: agent.name,
    args: agent.args,
    async solve(state) {
      const result = await agent.execute({ messages: [...state.messages], output: state.output });
      state.messages = result.messages;
      if (result.output.choices.length > 0 || result.output.completion !== '') state.output = result.output;
      return state;
    },
  };
}
