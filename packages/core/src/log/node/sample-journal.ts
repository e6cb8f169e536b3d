import { readFile } from 'node:fs/promises';
import { LogError } from '../log-error.js';
import { parseEvalSample } from '../parse-eval-sample.js';
import { parseLogJson } from '../parse-log-json.js';
import type { EvalSample } from '../schema/eval-sample.js';

/**
 * The journal of a running `.json` log: a JSON-lines file beside it (`run.json` → `run.samples.jsonl`) that gets each
 * finished sample as a line as soon as it finishes. The final write moves the samples into the log and removes it.
 */
export function sampleJournalPath(options: { path: string }): string {
  const { path } = options;
  return /\.json$/i.test(path) ? `${path.slice(0, -'.json'.length)}.samples.jsonl` : `${path}.samples.jsonl`;
}

/**
 * The samples in the journal of the `.json` log at `path`, in the order they finished; none when there is no journal.
 * A last line cut short by a crash (no newline after it), and anything after a line that does not parse, is left out.
 */
export async function* readSampleJournal(options: { path: string; resolveAttachments?: boolean }): AsyncGenerator<EvalSample> {
  const journal = sampleJournalPath(options);
  let text: string;
  try {
    text = await readFile(journal, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new LogError({ code: 'invalid_log', message: `Cannot read ${journal}: ${String(error)}`, path: journal, cause: error });
  }
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
    let value: unknown;
    try {
      value = parseLogJson({ text: text.slice(start, end), path: journal });
    } catch {
      return;
    }
    yield parseEvalSample({ value, path: journal, ...(options.resolveAttachments === false ? { resolveAttachments: false } : {}) });
  }
}
