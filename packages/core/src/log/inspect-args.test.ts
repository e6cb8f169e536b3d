import { describe, expect, it } from 'vitest';
import { fromInspectArgs, toInspectArgs } from './inspect-args.js';

describe("options under Inspect's argument names", () => {
  it('renames scorer options to the arguments of the Inspect function of the same name, and back', () => {
    const args = { template: 'T', includeHistory: false, partialCredit: true, gradePattern: 'G', role: 'grader' };
    const inspect = toInspectArgs({ kind: 'scorer', name: 'model_graded_qa', args });
    // scorer/_model.py: model_graded_qa(template, instructions, grade_pattern, include_history, partial_credit, model, model_role)
    expect(inspect).toEqual({ template: 'T', include_history: false, partial_credit: true, grade_pattern: 'G', model_role: 'grader' });
    expect(fromInspectArgs({ kind: 'scorer', name: 'model_graded_qa', args: inspect })).toEqual(args);
    // Logs written before hold Assay's names; they read back unchanged.
    expect(fromInspectArgs({ kind: 'scorer', name: 'model_graded_qa', args })).toEqual(args);
  });

  it('passes template values as keyword arguments, as prompt_template(template, **params) takes them', () => {
    const args = { template: 'Q: {prompt} in {language}', params: { language: 'French' } };
    const inspect = toInspectArgs({ kind: 'solver', name: 'prompt_template', args });
    expect(inspect).toEqual({ template: 'Q: {prompt} in {language}', language: 'French' });
    expect(fromInspectArgs({ kind: 'solver', name: 'prompt_template', args: inspect })).toEqual(args);
    expect(fromInspectArgs({ kind: 'solver', name: 'prompt_template', args })).toEqual(args);
  });

  it('renames the options of the solvers of a chain and the scorers of a multi-scorer', () => {
    const chain = { solvers: [{ name: 'multiple_choice', args: { multipleCorrect: true, maxTokens: 5 } }] };
    const inspect = toInspectArgs({ kind: 'solver', name: 'chain', args: chain });
    expect(inspect).toEqual({ solvers: [{ name: 'multiple_choice', args: { multiple_correct: true, max_tokens: 5 } }] });
    expect(fromInspectArgs({ kind: 'solver', name: 'chain', args: inspect })).toEqual(chain);
    expect(toInspectArgs({ kind: 'scorer', name: 'multi_scorer', args: { scorers: [{ name: 'includes', args: { ignoreCase: true } }], reducer: 'mode' } })).toEqual({
      scorers: [{ name: 'includes', args: { ignore_case: true } }],
      reducer: 'mode',
    });
  });

  it('keeps values as they are, only top-level keys are names', () => {
    expect(toInspectArgs({ kind: 'metric', name: 'bootstrap_stderr', args: { numSamples: 10, extra: { keepMe: 1 } } })).toEqual({
      num_samples: 10,
      extra: { keepMe: 1 },
    });
  });
});
