import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { jsonDataset } from './json-dataset.js';

let directory: string;
let previousCwd: string;

// Files are written under a temp cwd so paths can be passed (and printed) relative, like `data/qa.jsonl`.
async function file(path: string, content: string): Promise<string> {
  await writeFile(join(directory, path), content);
  return path;
}

async function loadError(options: Parameters<typeof jsonDataset>[0]): Promise<DatasetError> {
  const error: unknown = await jsonDataset(options).catch((caught: unknown) => caught);
  if (!(error instanceof DatasetError)) throw new Error(`expected a DatasetError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'assay-json-dataset-'));
  await mkdir(join(directory, 'data'));
  previousCwd = process.cwd();
  process.chdir(directory);
});

afterAll(async () => {
  process.chdir(previousCwd);
  await rm(directory, { recursive: true, force: true });
});

describe('jsonDataset', () => {
  it('reads a JSON array with ids, metadata and message inputs', async () => {
    const path = await file(
      'data/array.json',
      JSON.stringify(
        [
          { id: 'a', input: 'What is 2 + 2?', target: '4', metadata: { level: 1 } },
          { id: 'b', input: [{ role: 'user', content: 'Hi' }], target: ['hello', 'hi'], extra: 'not copied' },
        ],
        null,
        2,
      ),
    );
    const dataset = await jsonDataset({ path });
    expect(dataset.name).toBe('array');
    expect(dataset.location).toBe(join(directory, 'data/array.json'));
    expect(dataset.shuffled).toBe(false);
    expect(dataset.samples).toEqual([
      { id: 'a', input: 'What is 2 + 2?', target: '4', metadata: { level: 1 } },
      { id: 'b', input: [{ role: 'user', content: 'Hi', source: 'input' }], target: ['hello', 'hi'] },
    ]);
    expect(Object.isFrozen(dataset)).toBe(true);
    expect(Object.isFrozen(dataset.samples)).toBe(true);
  });

  it('reads JSON Lines, skipping blank lines, and numbers samples without ids', async () => {
    const path = await file('data/qa.jsonl', '{"input": "one"}\n\n{"input": "two", "target": "2"}\r\n');
    const dataset = await jsonDataset({ path });
    expect(dataset.samples).toEqual([
      { id: 1, input: 'one', target: '' },
      { id: 2, input: 'two', target: '2' },
    ]);
  });

  it('detects JSON Lines in a file that does not start with "["', async () => {
    const path = await file('data/lines.json', '{"input": "one"}\n{"input": "two"}\n');
    const dataset = await jsonDataset({ path });
    expect(dataset.samples.map((sample) => sample.input)).toEqual(['one', 'two']);
  });

  it('reads a single pretty-printed JSON object as one record', async () => {
    const path = await file('data/single.json', '{\n  "input": "only",\n  "target": "1"\n}\n');
    const dataset = await jsonDataset({ path });
    expect(dataset.samples).toEqual([{ id: 1, input: 'only', target: '1' }]);
  });

  it('maps fields with a FieldSpec, copying only the listed metadata', async () => {
    const path = await file(
      'data/mapped.jsonl',
      [
        { question: 'Capital of France?', answer: 'Paris', options: ['Paris', 'Rome'], key: 'q1', topic: 'geo', other: 1 },
        { question: 'Colour of sky?', answer: 'blue', options: 'blue, green', key: 'q2', topic: 'science' },
      ]
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    const dataset = await jsonDataset({
      path,
      sampleFields: { input: 'question', target: 'answer', choices: 'options', id: 'key', metadata: ['topic'] },
    });
    expect(dataset.samples).toEqual([
      { id: 'q1', input: 'Capital of France?', target: 'Paris', choices: ['Paris', 'Rome'], metadata: { topic: 'geo' } },
      { id: 'q2', input: 'Colour of sky?', target: 'blue', choices: ['blue', 'green'], metadata: { topic: 'science' } },
    ]);
  });

  it('accepts a record function that returns several samples, numbering them with autoId', async () => {
    const path = await file('data/pairs.jsonl', '{"a": "x", "b": "y"}\n{"a": "z", "b": "w"}\n');
    const seen: number[] = [];
    const dataset = await jsonDataset({
      path,
      autoId: true,
      sampleFields: (record, index) => {
        seen.push(index);
        return [
          { input: String(record['a']), target: String(record['b']) },
          { input: String(record['b']), target: String(record['a']) },
        ];
      },
    });
    expect(seen).toEqual([0, 1]);
    expect(dataset.samples.map((sample) => [sample.id, sample.input])).toEqual([
      [1, 'x'],
      [2, 'y'],
      [3, 'z'],
      [4, 'w'],
    ]);
  });

  it('autoId replaces ids from the file', async () => {
    const path = await file('data/ids.jsonl', '{"id": "q9", "input": "a"}\n{"id": "q9", "input": "b"}\n');
    const dataset = await jsonDataset({ path, autoId: true });
    expect(dataset.samples.map((sample) => sample.id)).toEqual([1, 2]);
  });

  it('shuffles with a seed, shuffles choices and limits, in that order', async () => {
    const records = Array.from({ length: 10 }, (_, index) => ({
      id: index + 1,
      input: `q${index + 1}`,
      choices: ['right', 'wrong 1', 'wrong 2', 'wrong 3'],
      target: 'A',
    }));
    const path = await file('data/many.json', JSON.stringify(records));
    const first = await jsonDataset({ path, shuffle: true, seed: 7, shuffleChoices: 3, limit: 4 });
    const again = await jsonDataset({ path, shuffle: true, seed: 7, shuffleChoices: 3, limit: 4 });
    expect(first.samples).toEqual(again.samples);
    expect(first.shuffled).toBe(true);
    expect(first.samples).toHaveLength(4);
    expect(first.samples.map((sample) => sample.id)).not.toEqual([1, 2, 3, 4]);
    for (const sample of first.samples) {
      const targetIndex = (sample.target as string).charCodeAt(0) - 65;
      expect(sample.choices?.[targetIndex]).toBe('right');
    }
    const ranged = await jsonDataset({ path, limit: [2, 5] });
    expect(ranged.samples.map((sample) => sample.id)).toEqual([3, 4, 5]);
  });

  it('makes relative files that exist beside the dataset absolute', async () => {
    await writeFile(join(directory, 'data/setup.sh'), 'echo hi\n');
    const path = await file(
      'data/files.jsonl',
      JSON.stringify({ input: 'x', files: { 'setup.sh': 'setup.sh', 'inline.txt': 'some contents' } }),
    );
    const dataset = await jsonDataset({ path });
    expect(dataset.samples[0]?.files).toEqual({
      'setup.sh': join(directory, 'data/setup.sh'),
      'inline.txt': 'some contents',
    });
  });

  it('never lets __proto__ keys reach Object.prototype', async () => {
    const path = await file(
      'data/pollute.jsonl',
      [
        '{"__proto__": {"polluted": 1}, "input": "a"}',
        '{"input": "b", "metadata": {"__proto__": {"polluted": 2}, "constructor": {"prototype": {"polluted": 3}}, "ok": {"__proto__": {"polluted": 4}}}}',
        '{"input": [{"role": "user", "content": "c", "__proto__": {"polluted": 5}}]}',
      ].join('\n'),
    );
    const dataset = await jsonDataset({ path, sampleFields: undefined });
    const mapped = await jsonDataset({ path, sampleFields: { metadata: ['__proto__', 'input'] } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(dataset.samples[1]?.metadata).toEqual({ ok: {} });
    expect(Object.getPrototypeOf(dataset.samples[1]?.metadata?.['ok'])).toBe(Object.prototype);
    const message = (dataset.samples[2]?.input as Array<Record<string, unknown>>)[0];
    expect(message?.['polluted']).toBeUndefined();
    expect(Object.keys(mapped.samples[0]?.metadata ?? {})).toEqual(['input']);
  });
});

describe('jsonDataset errors', () => {
  it('reports invalid JSON on a JSON Lines line', async () => {
    const lines = Array.from({ length: 16 }, (_, index) => JSON.stringify({ input: `q${index}` }));
    lines.push('{"input": "broken",');
    const path = await file('data/qa.jsonl', lines.join('\n'));
    const error = await loadError({ path });
    expect(error.message).toMatch(/^data\/qa\.jsonl:17: invalid JSON \(.+\); fix or remove the line$/);
    expect(error).toMatchObject({ code: 'dataset_error', path: 'data/qa.jsonl', line: 17 });
  });

  it('reports a wrong type with the field and line', async () => {
    const path = await file(
      'data/qa.jsonl',
      ['{"input": "a"}', '{"input": "b"}', '', '{"input": "c", "target": 5}'].join('\n'),
    );
    const error = await loadError({ path });
    expect(error.message).toBe('data/qa.jsonl:4: field "target" must be a string or a list of strings, got number');
    expect(error).toMatchObject({ path: 'data/qa.jsonl', line: 4, field: 'target' });
  });

  it('names the mapped field and the bad list element', async () => {
    const path = await file('data/qa.jsonl', '{"q": "a", "answer": ["x", 5]}\n');
    const error = await loadError({ path, sampleFields: { input: 'q', target: 'answer' } });
    expect(error.message).toBe('data/qa.jsonl:1: field "answer[1]" must be string, got number');
    expect(error.field).toBe('answer[1]');
  });

  it('reports the line on which a record of a JSON array starts', async () => {
    const text = '[\n  {"input": "a"},\n  {\n    "input": "b",\n    "target": 5\n  }\n]\n';
    const path = await file('data/qa.json', text);
    const error = await loadError({ path });
    expect(error.message).toBe('data/qa.json:3: field "target" must be a string or a list of strings, got number');
  });

  it('reports the line of a syntax error in a JSON array file', async () => {
    const path = await file('data/broken.json', '[\n  {"input": "a"},\n  {"input" "b"}\n]\n');
    const error = await loadError({ path });
    expect(error.message).toMatch(/^data\/broken\.json:3: invalid JSON \(.+\); fix the syntax error$/);
  });

  it('reports a missing input field with its line', async () => {
    const path = await file('data/qa.jsonl', '{"input": "a"}\n{"question": "b"}\n');
    const error = await loadError({ path });
    expect(error.message).toBe(
      'data/qa.jsonl:2: field "input" is missing; add it, or map the prompt field with sampleFields: { input: "…" }',
    );
    expect(error.field).toBe('input');
  });

  it('reports a mapped input field that is missing', async () => {
    const path = await file('data/qa.jsonl', '{"input": "a"}\n');
    const error = await loadError({ path, sampleFields: { input: 'question' } });
    expect(error.message).toBe('data/qa.jsonl:1: field "question" is missing; add it');
  });

  it('reports duplicate ids with both lines', async () => {
    const lines = Array.from({ length: 12 }, (_, index) => JSON.stringify({ id: `q${index + 1}`, input: 'x' }));
    lines[11] = JSON.stringify({ id: 'q3', input: 'x' });
    const path = await file('data/qa.jsonl', lines.join('\n'));
    const error = await loadError({ path });
    expect(error.message).toBe(
      'data/qa.jsonl:12: duplicate sample id "q3" (first seen on line 3); give each sample a unique id, or pass autoId: true',
    );
  });

  it('names the line of a sample numbered by position when a later id from the data clashes with it', async () => {
    const path = await file('data/qa.jsonl', '\n{"input": "a"}\n\n{"id": "z", "input": "b"}\n{"id": 1, "input": "c"}\n');
    const error = await loadError({ path });
    expect(error.message).toMatch(/^data\/qa\.jsonl:5: duplicate sample id 1 \(first seen on line 2\)/);
  });

  it('reports a record that is not an object', async () => {
    const path = await file('data/qa.jsonl', '{"input": "a"}\n["input"]\n');
    const error = await loadError({ path });
    expect(error.message).toBe(
      'data/qa.jsonl:2: expected a JSON object for the record, got list; write each record as {"input": …, "target": …}',
    );
  });

  it('reports a record function that throws, with the line', async () => {
    const path = await file('data/qa.jsonl', '{"input": "a"}\n{"input": "b"}\n');
    const error = await loadError({
      path,
      sampleFields: (record) => {
        if (record['input'] === 'b') throw new Error('no b');
        return { input: 'ok' };
      },
    });
    expect(error.message).toBe(
      'data/qa.jsonl:2: the sampleFields function failed on this record (no b); fix the record or make the function handle it',
    );
  });

  it('reports invalid samples returned by a record function', async () => {
    const path = await file('data/qa.jsonl', '{"input": "a"}\n');
    const error = await loadError({ path, sampleFields: () => ({ input: 'a', choices: 'A,B' }) as never });
    expect(error.message).toBe('data/qa.jsonl:1: sample field "choices" must be a list of strings, got string');
  });

  it('reports a missing file', async () => {
    const error = await loadError({ path: 'data/missing.jsonl' });
    expect(error.message).toBe(
      `data/missing.jsonl: file not found (looked for ${join(directory, 'data/missing.jsonl')}); check the path, which is relative to ${directory}`,
    );
    expect(error).toMatchObject({ code: 'dataset_error', path: 'data/missing.jsonl', line: undefined });
  });
});

describe('jsonDataset encoding', () => {
  // "café" in Latin-1: the 0xe9 byte is not valid UTF-8.
  const latin1Line = Buffer.concat([Buffer.from('{"input": "caf'), Buffer.from([0xe9]), Buffer.from('", "target": "x"}\n')]);
  const good = Buffer.from('{"input": "ok", "target": "y"}\n');

  it('an invalid UTF-8 byte in a .jsonl is an error naming file:line', async () => {
    await writeFile(join(directory, 'data/latin1.jsonl'), Buffer.concat([good, good, latin1Line]));
    const error = await loadError({ path: 'data/latin1.jsonl' });
    expect(error.message).toBe(
      "data/latin1.jsonl:3: invalid UTF-8 (byte 0xe9, 15 bytes into the line); save the file as UTF-8, pass the encoding it was written in (e.g. encoding: 'latin1'), or pass encoding: 'utf-8-lenient' to read bad bytes as U+FFFD",
    );
    expect(error).toMatchObject({ code: 'dataset_error', path: 'data/latin1.jsonl', line: 3 });
  });

  it('an invalid byte in a JSON array names its line too', async () => {
    const array = Buffer.concat([Buffer.from('[\n  {"input": "ok"},\n  {"input": "x'), Buffer.from([0xff]), Buffer.from('"}\n]\n')]);
    await writeFile(join(directory, 'data/bad.json'), array);
    const error = await loadError({ path: 'data/bad.json' });
    expect(error.line).toBe(3);
    expect(error.message.startsWith('data/bad.json:3: invalid UTF-8 (byte 0xff')).toBe(true);
  });

  it('rejects overlong and truncated sequences and encoded surrogates, as a strict decoder does', async () => {
    for (const [name, bytes] of [
      ['overlong', [0xc0, 0xaf]],
      ['surrogate', [0xed, 0xa0, 0x80]],
      ['truncated', [0xe2, 0x82]],
    ] as const) {
      await writeFile(join(directory, `data/${name}.jsonl`), Buffer.concat([good, Buffer.from('{"input": "'), Buffer.from(bytes), Buffer.from('"}\n')]));
      const error = await loadError({ path: `data/${name}.jsonl` });
      expect(error.line, name).toBe(2);
      expect(error.message, name).toContain('invalid UTF-8');
    }
  });

  it("reads the bad bytes as U+FFFD with encoding: 'utf-8-lenient', and Latin-1 as itself with 'latin1'", async () => {
    await writeFile(join(directory, 'data/lenient.jsonl'), Buffer.concat([good, latin1Line]));
    const lenient = await jsonDataset({ path: 'data/lenient.jsonl', encoding: 'utf-8-lenient' });
    expect(lenient.samples[1]!.input).toBe('caf\ufffd');
    const latin1 = await jsonDataset({ path: 'data/lenient.jsonl', encoding: 'latin1' });
    expect(latin1.samples[1]!.input).toBe('café');
  });

  it('keeps reading valid multi-byte UTF-8 and a byte-order mark', async () => {
    await writeFile(join(directory, 'data/utf8.jsonl'), `\ufeff{"input": "naïve café 日本 🎉", "target": "ok"}\n`);
    const dataset = await jsonDataset({ path: 'data/utf8.jsonl' });
    expect(dataset.samples[0]!.input).toBe('naïve café 日本 🎉');
  });

  it('names an unknown encoding', async () => {
    const error = await loadError({ path: 'data/utf8.jsonl', encoding: 'klingon' as never });
    expect(error.message).toContain('unknown encoding "klingon"');
  });
});
