import type { z } from 'zod';
import { sampleSchema, type ParsedSample } from '../log/schema/sample.js';
import { DatasetError } from './dataset-error.js';
import { describeValue } from './describe-value.js';
import type { RecordSource } from './field-spec-to-sample.js';

type Issue = z.core.$ZodIssue;

/** How a sample field is named in error messages: e.g. `{ label: 'column', name: 'answer' }` for `target`. */
export type NameSampleField = (sampleField: string) => { label: string; name: string };

/** Options for {@link validateSample}. */
export interface ValidateSampleOptions {
  candidate: unknown;
  source: RecordSource;
  nameField: NameSampleField;
}

const expectations: Readonly<Record<string, string>> = {
  input: 'a string or a list of chat messages',
  target: 'a string or a list of strings',
  choices: 'a list of strings',
  id: 'a string or a number',
  metadata: 'an object',
  files: 'an object mapping file names to paths or contents',
  setup: 'a string',
  sandbox: 'a sandbox type ("docker"), a [type, config] list or a { type, config } object',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function formatRest(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

// Of a union's alternatives, the issue that got furthest into the value says best what is wrong.
function deepestIssue(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  let best: Issue | undefined;
  for (const alternative of issue.errors) {
    for (const nested of alternative) {
      if (!best || nested.path.length > best.path.length) best = nested;
    }
  }
  if (!best || best.path.length === 0) return issue;
  return deepestIssue({ ...best, path: [...issue.path, ...best.path] } as Issue);
}

function describeIssue(rawIssue: Issue, options: ValidateSampleOptions): { field: string; problem: string } {
  const issue = deepestIssue(rawIssue);
  const [top, ...rest] = issue.path;
  const { label, name } = options.nameField(String(top ?? ''));
  const field = `${name}${formatRest(rest)}`;
  const subject = `${label} "${field}"`;
  const value = valueAt(options.candidate, issue.path);
  if (value === undefined) return { field, problem: `${subject} is missing; add it` };
  const expected = rest.length === 0 && typeof top === 'string' ? expectations[top] : undefined;
  if (expected) return { field, problem: `${subject} must be ${expected}, got ${describeValue(value)}` };
  if (issue.code === 'invalid_type') {
    return { field, problem: `${subject} must be ${issue.expected}, got ${describeValue(value)}` };
  }
  if (issue.code === 'invalid_union') {
    const types = issue.errors.flat().flatMap((nested) => (nested.code === 'invalid_type' ? [nested.expected] : []));
    if (types.length > 0) return { field, problem: `${subject} must be ${types.join(' or ')}, got ${describeValue(value)}` };
  }
  return { field, problem: `${subject} is invalid (${issue.message})` };
}

/** Validates a candidate sample against `sampleSchema`, throwing a DatasetError that names the field and line. */
export function validateSample(options: ValidateSampleOptions): ParsedSample {
  const { candidate, source } = options;
  if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) {
    throw new DatasetError({
      ...source,
      problem: `expected a sample object, got ${describeValue(candidate)}; return objects like { input, target }`,
    });
  }
  const result = sampleSchema.safeParse(candidate);
  if (result.success) return result.data;
  const first = result.error.issues[0] as Issue;
  const { field, problem } = describeIssue(first, options);
  throw new DatasetError({ ...source, field, problem, cause: result.error });
}
