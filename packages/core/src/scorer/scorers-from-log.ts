import { fromInspectArgs } from '../log/inspect-args.js';
import type { EvalScorer } from '../log/schema/index.js';
import { builtinScorers } from './builtin-scorers.js';
import type { Scorer } from './scorer.js';
import { ScorerError } from './scorer-error.js';

/**
 * Rebuilds the built-in scorers a log records in `eval.scorers`, reading their options in either spelling: Inspect's
 * argument names (`ignore_case`, `model_role`), as logs are written now, or Assay's (`ignoreCase`), as older logs have them.
 * @example scorersFromLog(log.eval.scorers ?? [])
 */
export function scorersFromLog(recorded: readonly EvalScorer[]): Scorer[] {
  return recorded.map((entry) => {
    const factory = builtinScorers[entry.name];
    if (!factory) {
      throw new ScorerError({
        code: 'unknown_scorer',
        message: `The log's scorer "${entry.name}" is not a built-in scorer, so it cannot be rebuilt from the log; name the scorer to use (assay score --scorer FILE@export).`,
      });
    }
    return factory(fromInspectArgs({ kind: 'scorer', name: entry.name, args: entry.options ?? {} }));
  });
}
