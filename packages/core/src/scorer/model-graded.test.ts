import { getModel, modelOutputFromContent, type Model } from '@assay/model';
import type { ChatMessage } from '@assay/model/spec';
import { describe, expect, it } from 'vitest';
import { accuracy } from '../metrics/accuracy.js';
import { computeMetrics } from '../metrics/compute-metrics.js';
import { stderr } from '../metrics/stderr.js';
import { withActiveModels } from '../model/active-model.js';
import { createTarget } from '../solver/target.js';
import { modelGradedFact, modelGradedQa } from './model-graded.js';
import { answeredState } from './test-state.js';

/** A mockllm grader replying `replies` in turn and recording the prompts it was sent. */
function scriptedGrader(...replies: string[]): { model: Model; prompts: string[] } {
  const prompts: string[] = [];
  let call = 0;
  const model = getModel('mockllm/model', {
    args: {
      customOutputs: (options: { input: ChatMessage[] }) => {
        const last = options.input[options.input.length - 1];
        prompts.push(typeof last?.content === 'string' ? last.content : '');
        return modelOutputFromContent({ model: 'mockllm/model', content: replies[call++ % replies.length] ?? '' });
      },
    },
  });
  return { model, prompts };
}

const state = answeredState({ input: 'What is 2+2?', completion: 'It is 4', target: '4' });
const target = createTarget('4');

describe('modelGradedQa', () => {
  it('scores the grade the grader gives and keeps the grading exchange', async () => {
    const grader = scriptedGrader('The submission says 4.\nGRADE: C');
    const score = await modelGradedQa({ model: grader.model }).score(state, target);
    expect(score).toMatchObject({ value: 'C', answer: 'It is 4', explanation: 'The submission says 4.\nGRADE: C' });
    const prompt = grader.prompts[0] ?? '';
    expect(prompt).toContain('[Task]: What is 2+2?\n***\n[Submission]: It is 4\n***\n[Criterion]: 4\n');
    expect(prompt).toContain("where LETTER is one of CI.");
    expect(score.metadata?.grading).toEqual([
      { role: 'user', content: prompt },
      expect.objectContaining({ role: 'assistant', content: 'The submission says 4.\nGRADE: C' }),
    ]);
  });

  it('gives P with partial credit, which accuracy counts as 0.5', async () => {
    const grader = scriptedGrader('Partly right. GRADE: P');
    const score = await modelGradedQa({ model: grader.model, partialCredit: true }).score(state, target);
    expect(score.value).toBe('P');
    expect(grader.prompts[0]).toContain('one of CPI');
    expect(grader.prompts[0]).toContain('"P" for partially correct answers,or "I"');
    expect(accuracy().compute([{ score, sampleId: 1 }])).toBe(0.5);
  });

  it('takes the last grade and reads lowercase grades', async () => {
    const first = scriptedGrader('At first GRADE: I, but on reflection\nGRADE: C');
    expect((await modelGradedQa({ model: first.model }).score(state, target)).value).toBe('C');
    const lower = scriptedGrader('grade: c');
    expect((await modelGradedQa({ model: lower.model }).score(state, target)).value).toBe('C');
  });

  it('leaves the sample unscored when no grade can be read, keeping the exchange', async () => {
    const grader = scriptedGrader('Looks right to me.');
    const score = await modelGradedQa({ model: grader.model }).score(state, target);
    expect(score).toMatchObject({
      value: Number.NaN,
      answer: 'It is 4',
      explanation: 'Grade not found in model output: Looks right to me.',
      metadata: { unscored_reason: 'grade_parse_failure' },
    });
    expect(score.metadata?.grading).toHaveLength(2);
  });

  it('skips unscored samples in its metrics, as Inspect does', async () => {
    const scores = await Promise.all(
      ['GRADE: C', 'GRADE: X', 'GRADE: I', 'no grade'].map(async (reply, index) => ({
        score: await modelGradedQa({ model: scriptedGrader(reply).model }).score(state, target),
        sampleId: index + 1,
      })),
    );
    const [result] = computeMetrics({ scorer: 'model_graded_qa', scores, metrics: [accuracy(), stderr()] });
    expect(result).toMatchObject({ scored_samples: 2, unscored_samples: 2, metrics: { accuracy: { value: 0.5 } } });
  });

  it('takes the majority grade of several graders', async () => {
    const graders = ['GRADE: C', 'GRADE: I', 'GRADE: C'].map((reply) => scriptedGrader(reply).model);
    const scorer = modelGradedQa({ model: graders });
    expect(scorer.name).toBe('model_graded_qa');
    expect((await scorer.score(state, target)).value).toBe('C');
    const against = ['GRADE: I', 'GRADE: C', 'GRADE: I'].map((reply) => scriptedGrader(reply).model);
    expect((await modelGradedQa({ model: against }).score(state, target)).value).toBe('I');
  });

  it('uses custom templates with metadata fields, instructions and grade patterns', async () => {
    const grader = scriptedGrader('VERDICT: yes');
    const withTopic = answeredState({ input: 'What is 2+2?', completion: '4', target: '4', metadata: { topic: 'sums' } });
    const score = await modelGradedQa({
      model: grader.model,
      template: 'Topic {topic}. Q: {question} A: {answer} Expected: {criterion}. {instructions}',
      instructions: 'Reply VERDICT: yes or VERDICT: no.',
      gradePattern: '(?i)VERDICT: (yes|no)',
    }).score(withTopic, target);
    expect(grader.prompts[0]).toBe('Topic sums. Q: What is 2+2? A: 4 Expected: 4. Reply VERDICT: yes or VERDICT: no.');
    expect(score.value).toBe('yes');
    expect(accuracy().compute([{ score, sampleId: 1 }])).toBe(1);
  });

  it('can present the conversation instead of the input', async () => {
    const grader = scriptedGrader('GRADE: C');
    const conversation = answeredState({
      input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Pick a number.' },
        { role: 'assistant', content: 'Seven.' },
        { role: 'user', content: 'Now add one.' },
      ],
      completion: 'Eight.',
      target: '8',
    });
    await modelGradedQa({ model: grader.model, includeHistory: true }).score(conversation, createTarget('8'));
    expect(grader.prompts[0]).toContain('[Task]: Pick a number.\n\nAssistant: Seven.\n\nUser: Now add one.\n***\n[Submission]: Eight.');
  });

  it('uses the grader role, else the model under evaluation', async () => {
    const grader = scriptedGrader('GRADE: C');
    const evaluated = scriptedGrader('GRADE: I');
    const scorer = modelGradedQa();
    const withRole = await withActiveModels({ model: evaluated.model, roles: { grader: grader.model } }, () =>
      scorer.score(state, target),
    );
    expect(withRole.value).toBe('C');
    const withoutRole = await withActiveModels({ model: evaluated.model, roles: {} }, () => scorer.score(state, target));
    expect(withoutRole.value).toBe('I');
  });
});

describe('modelGradedFact', () => {
  it('uses the expert-answer template', async () => {
    const grader = scriptedGrader('GRADE: C');
    const scorer = modelGradedFact({ model: grader.model });
    expect(scorer).toMatchObject({ name: 'model_graded_fact', args: { partialCredit: false, role: 'grader' } });
    expect((await scorer.score(state, target)).value).toBe('C');
    expect(grader.prompts[0]).toContain('[Question]: What is 2+2?\n************\n[Expert]: 4\n************\n[Submission]: It is 4');
  });
});

// Inspect 0.3.260's verdicts for the same grader replies (scorer/_model.py _model_graded_qa_single: with the default
// instructions and pattern the final `GRADE:` word is captured whole and must be one of the offered grades, else
// Score.unscored with unscored_reason "grade_parse_failure"), as printed by
// __fixtures__/inspect-oracle/model_graded_oracle.py; the same for model_graded_fact.
const inspectVerdicts: Array<[reply: string, withoutPartialCredit: string | number, withPartialCredit: string | number]> = [
  ['The submission says 4.\nGRADE: C', 'C', 'C'],
  ['Partly right. GRADE: P', Number.NaN, 'P'],
  ['Looks right to me.', Number.NaN, Number.NaN],
  ['GRADE: X', Number.NaN, Number.NaN],
  ['At first GRADE: I, but on reflection\nGRADE: C', 'C', 'C'],
  ['GRADE: C at first, then GRADE: X', Number.NaN, Number.NaN],
  ['grade: c', 'C', 'C'],
  ['GRADE: Correct', 'C', 'C'],
  ['GRADE:', Number.NaN, Number.NaN],
];

describe('model-graded verdicts, as Inspect gives them', () => {
  for (const factory of [modelGradedQa, modelGradedFact]) {
    for (const [reply, withoutPartial, withPartial] of inspectVerdicts) {
      for (const [partialCredit, expected] of [
        [false, withoutPartial],
        [true, withPartial],
      ] as const) {
        it(`${factory.name}, partialCredit ${partialCredit}: ${JSON.stringify(reply)} → ${String(expected)}`, async () => {
          const score = await factory({ model: scriptedGrader(reply).model, partialCredit }).score(state, target);
          expect(score.value).toEqual(expected);
          expect(score.metadata?.unscored_reason).toBe(typeof expected === 'number' ? 'grade_parse_failure' : undefined);
        });
      }
    }
  }
});
