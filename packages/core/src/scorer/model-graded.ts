import type { Model } from '@assay/model';
import type { ChatMessageAssistant } from '@assay/model/spec';
import { z } from 'zod';
import { accuracy } from '../metrics/accuracy.js';
import { stderr } from '../metrics/stderr.js';
import { resolveModel } from '../model/active-model.js';
import { formatTemplate } from '../solver/format-template.js';
import { inputText, type TaskState } from '../solver/task-state.js';
import { chatHistory } from './chat-history.js';
import { parseScorerOptions, type ScoreFunction } from './define-scorer.js';
import {
  defaultGradePattern,
  defaultGradingInstructions,
  modelGradedFactTemplate,
  modelGradedQaTemplate,
  permissiveGradePattern,
} from './model-graded-templates.js';
import { multiScorer } from './multi-scorer.js';
import { compilePythonRegex } from './python-regex.js';
import type { Scorer } from './scorer.js';

const modelReference = z.union([
  z.string(),
  z.custom<Model>((value) => typeof value === 'object' && value !== null && typeof (value as Model).generate === 'function', {
    message: 'Expected a model id ("provider/name") or a Model',
  }),
]);

const modelGradedOptions = z.object({
  /** Grading prompt with `{question}`, `{answer}`, `{criterion}`, `{instructions}` and sample metadata fields. */
  template: z.string().optional(),
  /** Grading instructions filling `{instructions}`; they must ask for output the grade pattern extracts. */
  instructions: z.string().optional(),
  /** Regex whose first group extracts the grade (Python inline flags work); when given, every grade it matches counts. @default the last `GRADE: X`, checked against the grades the default instructions offer */
  gradePattern: z.string().optional(),
  /** Present the whole conversation as the question (or a function formatting it) instead of the sample input. @default false */
  includeHistory: z
    .union([z.boolean(), z.custom<(state: TaskState) => string>((value) => typeof value === 'function')])
    .default(false),
  /** Let the default instructions offer `P` for partially correct answers (worth 0.5). @default false */
  partialCredit: z.boolean().default(false),
  /** Grader model(s); several grade independently and the majority grade wins. @default the model bound to `role`, else the model under evaluation */
  model: z.union([modelReference, z.array(modelReference).min(1)]).optional(),
  /** Model role of the grader when `model` is not given. @default "grader" */
  role: z.string().default('grader'),
});

/** Options for {@link modelGradedQa} and {@link modelGradedFact}. */
export type ModelGradedOptions = z.input<typeof modelGradedOptions>;
type ParsedModelGradedOptions = z.output<typeof modelGradedOptions>;

function gradeOnce(options: ParsedModelGradedOptions, template: string, model: string | Model | undefined): ScoreFunction {
  // As Inspect's _model_graded_qa_single (scorer/_model.py): only when both the instructions and the pattern are the
  // defaults are the grades on offer known, so the final verdict is captured whole and checked against them (a P never
  // offered, an X, or nothing at all leave the sample unscored rather than falling back to an earlier grade).
  const usingDefaultInstructions = !options.instructions;
  const usingDefaultPattern = options.gradePattern === undefined;
  const validateOfferedGrades = usingDefaultInstructions && usingDefaultPattern;
  const offeredGrades = options.partialCredit ? ['C', 'P', 'I'] : ['C', 'I'];
  const instructions = usingDefaultInstructions ? defaultGradingInstructions(options.partialCredit) : (options.instructions as string);
  const gradeRegex = compilePythonRegex({
    pattern: validateOfferedGrades ? permissiveGradePattern : (options.gradePattern ?? defaultGradePattern),
  });
  return async (state, target) => {
    const grader = resolveModel({ model, role: options.role });
    const { question: _question, answer: _answer, criterion: _criterion, instructions: _instructions, ...metadata } =
      state.metadata;
    const question =
      options.includeHistory === true
        ? chatHistory(state)
        : typeof options.includeHistory === 'function'
          ? options.includeHistory(state)
          : inputText(state);
    const answer = state.output.completion;
    const prompt = formatTemplate({
      template,
      params: { ...metadata, question, answer, criterion: target.text, instructions },
    });
    const result = await grader.generate({ input: prompt });
    let grade = gradeRegex.exec(result.completion)?.[1];
    if (grade !== undefined && usingDefaultPattern) {
      // The first letter is the verdict (`GRADE: Correct` is C, a lowercase `c` too).
      grade = grade.slice(0, 1).toUpperCase();
      if (validateOfferedGrades && !offeredGrades.includes(grade)) grade = undefined;
    }
    const reply: ChatMessageAssistant = result.choices[0]?.message ?? { role: 'assistant', content: result.completion };
    const grading = [{ role: 'user', content: prompt }, reply];
    if (grade === undefined) {
      // Inspect's Score.unscored(): NaN, which metrics and reducers skip.
      return {
        value: Number.NaN,
        answer,
        explanation: `Grade not found in model output: ${result.completion}`,
        metadata: { unscored_reason: 'grade_parse_failure', grading },
      };
    }
    return { value: grade, answer, explanation: result.completion, metadata: { grading } };
  };
}

function modelGradedScorer(name: string, defaultTemplate: string, options: ModelGradedOptions | undefined): Scorer {
  const parsed = parseScorerOptions({ name, schema: modelGradedOptions, value: options });
  const template = parsed.template ?? defaultTemplate;
  const metrics = [accuracy(), stderr()];
  let score: ScoreFunction;
  if (Array.isArray(parsed.model)) {
    const graders = parsed.model.map(
      (model): Scorer => ({ name, args: parsed, metrics, score: gradeOnce(parsed, template, model) }),
    );
    score = multiScorer({ scorers: graders, reducer: 'mode' }).score;
  } else {
    score = gradeOnce(parsed, template, parsed.model);
  }
  return { name, args: parsed, metrics, score };
}

/**
 * Asks a grader model whether the output meets the criterion given as the sample's target, and scores its
 * `GRADE: C/P/I` reply; the grading prompt and reply are kept in the score's `metadata.grading`. A reply without a
 * grade, or with one the default instructions did not offer (`P` without `partialCredit`, `X`), leaves the sample
 * unscored: value `NaN`, `metadata.unscored_reason = "grade_parse_failure"`, skipped by metrics (as in Inspect).
 * @example modelGradedQa({ model: 'openai/gpt-4o', partialCredit: true })
 */
export function modelGradedQa(options?: ModelGradedOptions): Scorer {
  return modelGradedScorer('model_graded_qa', modelGradedQaTemplate, options);
}

/**
 * Asks a grader model whether the output contains the facts of the expert answer given as the sample's target.
 * @example modelGradedFact({ model: ['openai/gpt-4o', 'anthropic/claude-sonnet-4-5', 'google/gemini-2.5-pro'] })
 */
export function modelGradedFact(options?: ModelGradedOptions): Scorer {
  return modelGradedScorer('model_graded_fact', modelGradedFactTemplate, options);
}
