import type { Dataset } from './dataset.js';
import { resolveFieldSpec, type FieldSpec } from './field-spec.js';
import type { FileDatasetOptions } from './file-dataset-options.js';
import { finishFileDataset } from './finish-file-dataset.js';
import { readCsvRecords } from './read-csv-records.js';
import { readDatasetFile } from './read-dataset-file.js';
import { recordsToSamples } from './records-to-samples.js';

/** Options for {@link csvDataset}. */
export interface CsvDatasetOptions extends FileDatasetOptions {
  /** @default "," */
  delimiter?: string;
}

// The input column is always required; other columns only when the FieldSpec names them explicitly.
function requiredColumns(sampleFields: CsvDatasetOptions['sampleFields']): Array<{ column: string; option: string }> {
  if (typeof sampleFields === 'function') return [];
  const spec: FieldSpec = sampleFields ?? {};
  const required = [{ column: resolveFieldSpec(spec).input, option: 'input' }];
  for (const option of ['target', 'choices', 'id', 'files', 'setup', 'sandbox'] as const) {
    const column = spec[option];
    if (column !== undefined) required.push({ column, option });
  }
  for (const column of spec.metadata ?? []) required.push({ column, option: 'metadata' });
  return required;
}

/**
 * Reads a dataset from a CSV file with a header row; list values (targets, choices) may be JSON lists.
 * @example await csvDataset({ path: 'data/qa.csv', sampleFields: { input: 'question', target: 'answer' } })
 */
export async function csvDataset(options: CsvDatasetOptions): Promise<Dataset> {
  const text = await readDatasetFile({ path: options.path, encoding: options.encoding });
  const { records } = readCsvRecords({
    path: options.path,
    text,
    delimiter: options.delimiter,
    requiredColumns: requiredColumns(options.sampleFields),
  });
  const samples = recordsToSamples({
    records,
    path: options.path,
    format: 'csv',
    sampleFields: options.sampleFields,
    autoId: options.autoId,
  });
  return finishFileDataset({ samples, options });
}
