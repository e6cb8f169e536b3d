import { DatasetError } from './dataset-error.js';
import { describeValue } from './describe-value.js';
import type { DatasetRecord, ResolvedFieldSpec } from './field-spec.js';
import { isUnsafeKey, withoutUnsafeKeys } from './unsafe-keys.js';

/** Where a record came from: spread into {@link DatasetError} options. */
export interface RecordSource {
  path?: string;
  line?: number;
  sample?: number;
}

/** Options for {@link fieldSpecToSample}. */
export interface FieldSpecToSampleOptions {
  record: DatasetRecord;
  spec: ResolvedFieldSpec;
  /** CSV values are always strings, so lists and objects may be given as JSON text. */
  format: 'json' | 'csv';
  source: RecordSource;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function fieldLabel(format: 'json' | 'csv', name: string): string {
  return `${format === 'csv' ? 'column' : 'field'} "${name}"`;
}

/** Reads a JSON list from CSV text like `["a", "b"]`, or undefined when the text is not one. */
function jsonListFromText(text: string): unknown[] | undefined {
  if (!text.trimStart().startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return undefined;
    return value.map((item) => (typeof item === 'number' || typeof item === 'boolean' ? String(item) : item));
  } catch {
    return undefined;
  }
}

// Inspect reads a choices string as a JSON list, else comma-separated, else whitespace-separated.
function choicesFromText(text: string): string[] | unknown[] {
  const list = jsonListFromText(text);
  if (list) return list;
  const byComma = text.split(',');
  const parts = byComma.length > 1 ? byComma : text.split(/\s+/);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function objectFromField(options: FieldSpecToSampleOptions & { name: string; value: unknown }): unknown {
  const { value, name, format, source } = options;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new DatasetError({
      ...source,
      field: name,
      problem: `${fieldLabel(format, name)} is not a valid JSON object (${(error as Error).message}); write it as JSON like {"key": "value"}`,
      cause: error,
    });
  }
}

function readInput(options: FieldSpecToSampleOptions): unknown {
  const { record, spec, format, source } = options;
  const value = record[spec.input];
  const label = fieldLabel(format, spec.input);
  if (value === undefined || value === null) {
    const hint = spec.input === 'input' ? ', or map the prompt field with sampleFields: { input: "…" }' : '';
    throw new DatasetError({ ...source, field: spec.input, problem: `${label} is missing; add it${hint}` });
  }
  if (value === '' || (Array.isArray(value) && value.length === 0)) {
    throw new DatasetError({ ...source, field: spec.input, problem: `${label} is empty; fill it in or remove the record` });
  }
  if (!Array.isArray(value)) return value;
  // Inspect marks messages read from a dataset as coming from the input.
  return value.map((message: unknown) =>
    message !== null && typeof message === 'object' && !Array.isArray(message) && !('source' in message)
      ? { ...message, source: 'input' }
      : message,
  );
}

function readMetadata(options: FieldSpecToSampleOptions): unknown {
  const { record, spec, format, source } = options;
  if (spec.metadata) {
    return Object.fromEntries(
      spec.metadata.filter((name) => !isUnsafeKey(name)).map((name) => [name, withoutUnsafeKeys(record[name] ?? null)]),
    );
  }
  const value = record['metadata'];
  if (!isPresent(value)) return undefined;
  const metadata = objectFromField({ ...options, name: 'metadata', value });
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new DatasetError({
      ...source,
      field: 'metadata',
      problem: `${fieldLabel(format, 'metadata')} must be an object, got ${describeValue(metadata)}; write it as {"key": "value"}`,
    });
  }
  return withoutUnsafeKeys(metadata);
}

/** Maps a record to an unvalidated sample by a FieldSpec, following Inspect's reading rules. */
export function fieldSpecToSample(options: FieldSpecToSampleOptions): Record<string, unknown> {
  const { record, spec, format } = options;
  const sample: Record<string, unknown> = { input: readInput(options) };

  const target = record[spec.target];
  if (isPresent(target)) {
    sample['target'] = format === 'csv' && typeof target === 'string' ? (jsonListFromText(target) ?? target) : target;
  }

  const choices = record[spec.choices];
  if (isPresent(choices)) sample['choices'] = typeof choices === 'string' ? choicesFromText(choices) : choices;

  const id = record[spec.id];
  if (isPresent(id)) sample['id'] = id;

  const metadata = readMetadata(options);
  if (metadata !== undefined) sample['metadata'] = metadata;

  const files = record[spec.files];
  if (isPresent(files)) sample['files'] = withoutUnsafeKeys(objectFromField({ ...options, name: spec.files, value: files }));

  const setup = record[spec.setup];
  if (isPresent(setup)) sample['setup'] = setup;

  const sandbox = record[spec.sandbox];
  if (isPresent(sandbox)) sample['sandbox'] = sandbox;

  return sample;
}
