import type { Sample } from '../log/schema/sample.js';

/** One raw record of a dataset file: a JSON object, or a CSV row keyed by its header. */
export type DatasetRecord = Readonly<Record<string, unknown>>;

/**
 * Which record fields (or CSV columns) hold each part of a sample; each defaults to the field of the same name.
 * Without `metadata`, other fields are not copied, except an object (or JSON string) field named `metadata`.
 */
export interface FieldSpec {
  /** @default "input" */
  input?: string;
  /** @default "target" */
  target?: string;
  /** A list of strings, a JSON list string, or a comma-separated string. @default "choices" */
  choices?: string;
  /** @default "id" */
  id?: string;
  /** Fields copied into the sample's metadata under their own names. */
  metadata?: string[];
  /** An object (or JSON object string) mapping file names to paths or contents. @default "files" */
  files?: string;
  /** @default "setup" */
  setup?: string;
  /** A sandbox type, a `[type, config]` list (or its JSON text) or a `{ type, config }` object. @default "sandbox" */
  sandbox?: string;
}

/** Turns one record into one or more samples; `index` is the record's 0-based position in the file. */
export type RecordToSample = (record: DatasetRecord, index: number) => Sample | Sample[];

/** A FieldSpec with every name filled in. */
export interface ResolvedFieldSpec {
  input: string;
  target: string;
  choices: string;
  id: string;
  metadata?: string[];
  files: string;
  setup: string;
  sandbox: string;
}

/** Fills in the default field names of a FieldSpec. */
export function resolveFieldSpec(spec: FieldSpec = {}): ResolvedFieldSpec {
  return {
    input: spec.input ?? 'input',
    target: spec.target ?? 'target',
    choices: spec.choices ?? 'choices',
    id: spec.id ?? 'id',
    metadata: spec.metadata,
    files: spec.files ?? 'files',
    setup: spec.setup ?? 'setup',
    sandbox: spec.sandbox ?? 'sandbox',
  };
}
