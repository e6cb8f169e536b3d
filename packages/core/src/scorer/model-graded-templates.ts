// Inspect's grading prompts (scorer/_model.py), kept word for word so grades are comparable with Inspect's:
// both are adapted from OpenAI's closed-QA model-graded eval templates.

/** The default `modelGradedQa` template; fields: `question`, `answer`, `criterion`, `instructions` and sample metadata. */
export const modelGradedQaTemplate = `
You are assessing a submitted answer on a given task based on a criterion. Here is the data:

[BEGIN DATA]
***
[Task]: {question}
***
[Submission]: {answer}
***
[Criterion]: {criterion}
***
[END DATA]

Does the submission meet the criterion?

{instructions}
`;

/** The default `modelGradedFact` template: does the answer contain the expert answer's facts? */
export const modelGradedFactTemplate = `
You are comparing a submitted answer to an expert answer on a given question. Here is the data:

[BEGIN DATA]
************
[Question]: {question}
************
[Expert]: {criterion}
************
[Submission]: {answer}
************
[END DATA]

Compare the factual content of the submitted answer with the expert answer. Ignore any differences in style, grammar, or punctuation.

Does the submission contain the content in the expert answer?

{instructions}
`;

/** The default grading instructions, asking for `GRADE: C` or `GRADE: I` (and `GRADE: P` with partial credit). */
export function defaultGradingInstructions(partialCredit: boolean): string {
  const partialLetter = partialCredit ? 'P' : '';
  const partialPrompt = partialCredit ? '"P" for partially correct answers,' : '';
  return `
After assessing the submitted answer, reply with 'GRADE: $LETTER' (without quotes) where LETTER is one of C${partialLetter}I.  Please choose ONE option for the grade: either "C" for correct answers, ${partialPrompt}or "I" for incorrect answers.

For example, after reviewing a correct answer you might write 'GRADE: C' or after reviewing an incorrect answer you might write 'GRADE: I'.

First, write out in a step by step manner your reasoning about the criterion to be sure that your conclusion is correct. Avoid simply stating the correct answers at the outset. Then, end with your answer formatted as 'GRADE: $LETTER' (without quotes) where LETTER is one of C${partialLetter}I.
`;
}

// Inspect's _GRADE_SPACING: whitespace and the zero-width characters a grader may put around the colon.
const gradeSpacing = '[\\s\\u200b\\u200c\\u200d\\u200e\\u200f\\u2060\\u2063\\ufeff]*';

/** The grade pattern with custom instructions: the last `GRADE: C/P/I` of the response (the greedy `.*` skips earlier ones). */
export const defaultGradePattern = `(?is).*(?<!\\w)GRADE(?!\\w)${gradeSpacing}:${gradeSpacing}([CPI])`;

/**
 * The grade pattern with the default instructions: whatever word follows the last `GRADE:` (possibly none), so that an
 * off-menu final verdict is a parse failure rather than a fall back to an earlier grade (Inspect's
 * `_PERMISSIVE_GRADE_PATTERN`).
 */
export const permissiveGradePattern = `(?is).*(?<!\\w)GRADE(?!\\w)${gradeSpacing}:${gradeSpacing}(\\w*)`;
