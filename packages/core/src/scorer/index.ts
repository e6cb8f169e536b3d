export type { Scorer, ScorerMetrics } from './scorer.js';
export {
  defineScorer,
  type DefineScorerOptions,
  type ScoreFunction,
  type ScorerFactory,
} from './define-scorer.js';
export { ScorerError, type ScorerErrorCode } from './scorer-error.js';
export { match } from './match.js';
export { includes } from './includes.js';
export { pattern } from './pattern.js';
export { answer, answerPatterns } from './answer.js';
export { exact } from './exact.js';
export { f1 } from './f1.js';
export { choice } from './choice.js';
export { modelGradedQa, modelGradedFact, type ModelGradedOptions } from './model-graded.js';
export {
  modelGradedQaTemplate,
  modelGradedFactTemplate,
  defaultGradingInstructions,
  defaultGradePattern,
} from './model-graded-templates.js';
export { multiScorer, type MultiScorerOptions } from './multi-scorer.js';
export { chatHistory } from './chat-history.js';
export { builtinScorers } from './builtin-scorers.js';
export { scorersFromLog } from './scorers-from-log.js';
export { CORRECT, INCORRECT, PARTIAL, NOANSWER, type Score, type ScoreValue } from '../log/schema/score.js';
