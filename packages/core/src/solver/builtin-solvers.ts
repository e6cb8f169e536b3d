import { fromInspectArgs } from '../log/inspect-args.js';
import { assistantMessage } from './assistant-message.js';
import { chain } from './chain.js';
import { chainOfThought } from './chain-of-thought.js';
import { generate } from './generate.js';
import { multipleChoice } from './multiple-choice.js';
import { promptTemplate } from './prompt-template.js';
import { selfCritique } from './self-critique.js';
import type { Solver } from './solver.js';
import { systemMessage } from './system-message.js';
import { useTools } from './use-tools.js';
import { userMessage } from './user-message.js';

/** A solver factory called with untyped options (from a log or the command line); its schema validates them. */
export type SolverFactoryByName = (options?: Record<string, unknown>) => Solver;

/**
 * The built-in solver factories by registry name, so a plan recorded in a log (or `--solver name`) can be rebuilt.
 * @example builtinSolvers.chain_of_thought?.({})
 */
export const builtinSolvers: Readonly<Record<string, SolverFactoryByName>> = {
  generate: generate as SolverFactoryByName,
  system_message: systemMessage as SolverFactoryByName,
  user_message: userMessage as SolverFactoryByName,
  assistant_message: assistantMessage as SolverFactoryByName,
  prompt_template: promptTemplate as SolverFactoryByName,
  chain_of_thought: chainOfThought as SolverFactoryByName,
  self_critique: selfCritique as SolverFactoryByName,
  multiple_choice: multipleChoice as SolverFactoryByName,
  use_tools: useTools as SolverFactoryByName,
  // A recorded chain lists its solvers as `{ name, args }`; rebuild each from this registry.
  chain: (options) => {
    const solvers = Array.isArray(options?.solvers) ? (options.solvers as unknown[]) : [];
    return chain({ solvers: solvers.map(solverFromSpec) });
  },
};

function solverFromSpec(spec: unknown): Solver {
  const candidate = spec as Partial<Solver> | null;
  if (typeof candidate?.solve === 'function') return candidate as Solver;
  const name = typeof candidate?.name === 'string' ? candidate.name : undefined;
  const factory = name === undefined ? undefined : builtinSolvers[name];
  if (!factory) {
    throw new Error(`Unknown solver ${name === undefined ? JSON.stringify(spec) : `"${name}"`}: not a built-in solver.`);
  }
  // Recorded args are under Inspect's argument names (older logs: Assay's); either spelling rebuilds the solver.
  return factory(fromInspectArgs({ kind: 'solver', name: name as string, args: candidate?.args ?? {} }));
}
