import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvDataset } from './csv-dataset.js';
import { DatasetError } from './dataset-error.js';

let directory: string;
let previousCwd: string;

// Files are written under a temp cwd so paths can be passed (and printed) relative, like `data/qa.csv`.
async function file(path: string, content: string): Promise<string> {
  await writeFile(join(directory, path), content);
  return path;
}

async function loadError(options: Parameters<typeof csvDataset>[0]): Promise<DatasetError> {
  const error: unknown = await csvDataset(options).catch((caught: unknown) => caught);
  if (!(error instanceof DatasetError)) throw new Error(`expected a DatasetError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'assay-csv-dataset-'));
  await mkdir(join(directory, 'data'));
  previousCwd = process.cwd();
  process.chdir(directory);
});

afterAll(async () => {
  process.chdir(previousCwd);
  await rm(directory, { recursive: true, force: true });
});

describe('csvDataset', () => {
  it('reads quoted fields, embedded newlines, JSON list targets and choices', async () => {
    const path = await file(
      'data/qa.csv',
      [
        'id,input,target,choices,extra',
        '1,"Say ""hi""",hi,,x',
        '2,"line one',
        'line two",two,"[""one"", ""two""]",y',
        '3,Pick,"[""A"", ""B""]","red, green, blue",z',
        '',
      ].join('\n'),
    );
    const dataset = await csvDataset({ path });
    expect(dataset.name).toBe('qa');
    expect(dataset.samples).toEqual([
      { id: '1', input: 'Say "hi"', target: 'hi' },
      { id: '2', input: 'line one\nline two', target: 'two', choices: ['one', 'two'] },
      { id: '3', input: 'Pick', target: ['A', 'B'], choices: ['red', 'green', 'blue'] },
    ]);
  });

  it('maps columns, copies listed metadata and honours the delimiter', async () => {
    const path = await file('data/mapped.tsv', 'question\tanswer\ttopic\tnotes\nWhat?\tThat\tgeo\tignored\n');
    const dataset = await csvDataset({
      path,
      delimiter: '\t',
      sampleFields: { input: 'question', target: 'answer', metadata: ['topic'] },
    });
    expect(dataset.samples).toEqual([{ id: 1, input: 'What?', target: 'That', metadata: { topic: 'geo' } }]);
  });

  it('reads a JSON metadata column', async () => {
    const path = await file('data/meta.csv', 'input,metadata\nhello,"{""level"": 2}"\n');
    const dataset = await csvDataset({ path });
    expect(dataset.samples[0]?.metadata).toEqual({ level: 2 });
  });

  it('skips blank rows and handles CRLF line endings', async () => {
    const path = await file('data/crlf.csv', 'input,target\r\na,1\r\n\r\n , \r\nb,2\r\n');
    const dataset = await csvDataset({ path });
    expect(dataset.samples.map((sample) => [sample.id, sample.input])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('passes each row to a record function', async () => {
    const path = await file('data/columns.csv', 'question,a,b,answer\nPick one,cat,dog,B\n');
    const dataset = await csvDataset({
      path,
      sampleFields: (record) => ({
        input: String(record['question']),
        choices: [String(record['a']), String(record['b'])],
        target: String(record['answer']),
      }),
    });
    expect(dataset.samples).toEqual([{ id: 1, input: 'Pick one', choices: ['cat', 'dog'], target: 'B' }]);
  });

  it('never lets a __proto__ column reach Object.prototype', async () => {
    const path = await file(
      'data/pollute.csv',
      '__proto__,input,constructor,metadata\n"{""polluted"": 1}",a,x,"{""__proto__"": {""polluted"": 2}, ""ok"": 1}"\n',
    );
    const dataset = await csvDataset({ path });
    const mapped = await csvDataset({ path, sampleFields: { metadata: ['__proto__', 'constructor', 'input'] } });
    const seen: Array<Record<string, unknown>> = [];
    await csvDataset({
      path,
      sampleFields: (record) => {
        seen.push({ ...record });
        return { input: 'x' };
      },
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(dataset.samples[0]?.metadata).toEqual({ ok: 1 });
    expect(mapped.samples[0]?.metadata).toEqual({ input: 'a' });
    expect(Object.keys(seen[0] ?? {})).toEqual(['input', 'metadata']);
  });
});

describe('csvDataset errors', () => {
  it('reports an empty input column with the line its row starts on', async () => {
    const rows = ['input,target'];
    for (let line = 2; line < 42; line++) rows.push(line === 10 ? '"multi\nline",x' : `q${line},x`);
    rows.push(',x');
    const path = await file('data/qa.csv', rows.join('\n'));
    const error = await loadError({ path });
    // The quoted row adds a line, so the empty row, record 41, starts on line 43.
    expect(error.message).toBe('data/qa.csv:43: column "input" is empty; fill it in or remove the record');
    expect(error).toMatchObject({ code: 'dataset_error', path: 'data/qa.csv', line: 43, field: 'input' });
  });

  it('reports an empty input on row 42 of a plain file', async () => {
    const rows = ['input,target'];
    for (let line = 2; line < 42; line++) rows.push(`q${line},x`);
    rows.push(',x');
    const path = await file('data/qa.csv', rows.join('\n'));
    const error = await loadError({ path });
    expect(error.message).toBe('data/qa.csv:42: column "input" is empty; fill it in or remove the record');
  });

  it('reports a missing input column', async () => {
    const path = await file('data/qa.csv', 'question,answer\nq,a\n');
    const error = await loadError({ path });
    expect(error.message).toBe(
      'data/qa.csv: column "input" not found in the header (columns: question, answer); add a column named "input", or map another column with sampleFields: { input: "…" }',
    );
    expect(error).toMatchObject({ path: 'data/qa.csv', line: undefined, field: 'input' });
  });

  it('reports a missing column named by the FieldSpec', async () => {
    const path = await file('data/qa.csv', 'question,answer\nq,a\n');
    const error = await loadError({ path, sampleFields: { input: 'question', target: 'answr' } });
    expect(error.message).toBe(
      'data/qa.csv: column "answr" not found in the header (columns: question, answer); fix sampleFields.target or add the column',
    );
  });

  it('reports a row with more values than the header', async () => {
    const path = await file('data/qa.csv', 'input,target\na,b\nc,d,e\n');
    const error = await loadError({ path });
    expect(error.message).toBe('data/qa.csv:3: row has 3 values but the header has 2 columns; quote values that contain ","');
  });

  it('reports an unclosed quote', async () => {
    const path = await file('data/qa.csv', 'input,target\na,b\n"c,d\ne,f\n\ng,h\n');
    const error = await loadError({ path });
    expect(error.message).toMatch(/^data\/qa\.csv:3: invalid CSV \(.*Quote Not Closed.*\); check the quoting of this row$/);
  });

  it('reports an invalid JSON metadata column', async () => {
    const path = await file('data/qa.csv', 'input,metadata\na,{oops}\n');
    const error = await loadError({ path });
    expect(error.message).toMatch(
      /^data\/qa\.csv:2: column "metadata" is not a valid JSON object \(.+\); write it as JSON like \{"key": "value"\}$/,
    );
  });

  it('reports duplicate ids with both lines', async () => {
    const path = await file('data/qa.csv', 'id,input\nq1,a\nq7,b\nq7,c\n');
    const error = await loadError({ path });
    expect(error.message).toBe(
      'data/qa.csv:4: duplicate sample id "q7" (first seen on line 3); give each sample a unique id, or pass autoId: true',
    );
  });

  it('reports a missing file', async () => {
    const error = await loadError({ path: 'data/none.csv' });
    expect(error.message.startsWith('data/none.csv: file not found (looked for ')).toBe(true);
  });
});

describe('csvDataset encoding', () => {
  it('an invalid UTF-8 byte is an error naming file:line, unless a lenient encoding is asked for', async () => {
    const bytes = Buffer.concat([Buffer.from('question,answer\nCapital of Peru?,Lima\nCapital of C'), Buffer.from([0xf4, 0x90]), Buffer.from('te?,x\n')]);
    await writeFile(join(directory, 'data/bad-bytes.csv'), bytes);
    const error = await loadError({ path: 'data/bad-bytes.csv', sampleFields: { input: 'question', target: 'answer' } });
    expect(error.line).toBe(3);
    expect(error.message.startsWith('data/bad-bytes.csv:3: invalid UTF-8 (byte 0xf4, 13 bytes into the line)')).toBe(true);
    const lenient = await csvDataset({ path: 'data/bad-bytes.csv', sampleFields: { input: 'question', target: 'answer' }, encoding: 'utf-8-lenient' });
    expect(lenient.samples[1]!.input).toBe('Capital of C\ufffd\ufffdte?');
  });
});
