import { describe, expect, it } from 'vitest';
import { includes } from '../scorer/index.js';
import { multipleChoice } from '../solver/index.js';
import { suggestOptionKey } from './suggest-option-key.js';

describe('suggestOptionKey', () => {
  const known = ['messageLimit', 'sampleIds', 'solver', 'timeLimit'];
  it('gives the Assay spelling of an Inspect key', () => {
    expect(suggestOptionKey({ key: 'message_limit', known })).toBe('Assay spells it "messageLimit"');
    expect(suggestOptionKey({ key: 'sample_id', known })).toBe('Assay spells it "sampleIds"');
    expect(suggestOptionKey({ key: 'plan', known })).toBe('Assay spells it "solver"');
  });
  it('says when Assay lacks an Inspect feature', () => {
    expect(suggestOptionKey({ key: 'task_args', known })).toMatch(/defineTask/);
  });
  it('suggests the nearest key for a typo, and nothing for an unrelated key', () => {
    expect(suggestOptionKey({ key: 'mesageLimit', known })).toBe('did you mean "messageLimit"?');
    expect(suggestOptionKey({ key: 'timelimit', known })).toBe('did you mean "timeLimit"?');
    expect(suggestOptionKey({ key: 'colour', known })).toBeUndefined();
  });
});

describe('solver and scorer options', () => {
  it('name an unknown key with its Assay spelling', () => {
    expect(() => includes({ ignore_case: false } as never)).toThrow(
      'Invalid options for scorer "includes": unknown option "ignore_case" (Assay spells it "ignoreCase")',
    );
    expect(() => multipleChoice({ templat: 'x' } as never)).toThrow(
      'Invalid options for solver "multiple_choice": unknown option "templat" (did you mean "template"?).',
    );
  });
});
