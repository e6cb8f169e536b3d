import type { Sample } from '../log/schema/sample.js';
import { createSampleIdAssigner } from './assign-sample-ids.js';
import type { DatasetSample } from './dataset.js';
import { DatasetError } from './dataset-error.js';
import { resolveFieldSpec, type DatasetRecord, type FieldSpec, type RecordToSample } from './field-spec.js';
import { fieldSpecToSample } from './field-spec-to-sample.js';
import { withoutUnsafeKeys } from './unsafe-keys.js';
import { validateSample, type NameSampleField } from './validate-sample.js';

/** A record and the 1-based line of the file on which it starts. */
export interface SourcedRecord {
  record: DatasetRecord;
  line: number;
}

/** Options for {@link recordsToSamples}. */
export interface RecordsToSamplesOptions {
  records: readonly SourcedRecord[];
  /** The file, as the user passed it (for error messages). */
  path: string;
  format: 'json' | 'csv';
  sampleFields?: FieldSpec | RecordToSample;
  autoId?: boolean;
}

function callRecordToSample(
  recordToSample: RecordToSample,
  { record, line }: SourcedRecord,
  context: { path: string; index: number },
): Sample[] {
  try {
    const result = recordToSample(record, context.index);
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DatasetError({
      path: context.path,
      line,
      problem: `the sampleFields function failed on this record (${message}); fix the record or make the function handle it`,
      cause: error,
    });
  }
}

/** Turns the records of a file into validated samples with unique ids. */
export function recordsToSamples(options: RecordsToSamplesOptions): DatasetSample[] {
  const { path, format, sampleFields } = options;
  const samples: DatasetSample[] = [];
  const ids = createSampleIdAssigner({ autoId: options.autoId });
  if (typeof sampleFields === 'function') {
    const nameField: NameSampleField = (sampleField) => ({ label: 'sample field', name: sampleField });
    options.records.forEach((sourcedRecord, index) => {
      const source = { path, line: sourcedRecord.line };
      for (const candidate of callRecordToSample(sampleFields, sourcedRecord, { path, index })) {
        const sample = validateSample({ candidate, source, nameField });
        if (sample.metadata) sample.metadata = withoutUnsafeKeys(sample.metadata) as Record<string, unknown>;
        samples.push(ids.assign(sample, source));
      }
    });
  } else {
    const spec = resolveFieldSpec(sampleFields);
    const label = format === 'csv' ? 'column' : 'field';
    const nameField: NameSampleField = (sampleField) => ({
      label,
      name: sampleField in spec && sampleField !== 'metadata' ? String(spec[sampleField as keyof typeof spec]) : sampleField,
    });
    for (const { record, line } of options.records) {
      const source = { path, line };
      const candidate = fieldSpecToSample({ record, spec, format, source });
      samples.push(ids.assign(validateSample({ candidate, source, nameField }), source));
    }
  }
  return samples;
}
