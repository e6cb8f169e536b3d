import * as zlib from 'node:zlib';
import { expect, it } from 'vitest';
import { createDeflatedLines, type DeflatedText } from './deflated-lines.js';

const line = (index: number): string => JSON.stringify({ id: index, text: `line ${index} ${'é'.repeat(index % 40)}\n`, value: index / 3 });

/** The text held by deflated pieces, checked against their CRC-32 and size. */
function inflate(text: DeflatedText): string {
  const final = zlib.deflateRawSync(Buffer.alloc(0));
  const bytes = zlib.inflateRawSync(Buffer.concat([...text.data, final]));
  expect(bytes.length).toBe(text.size);
  expect(zlib.crc32(bytes)).toBe(text.crc);
  return bytes.toString();
}

it('gives back every line in order across many deflated segments, empty lines included', () => {
  const list = createDeflatedLines();
  const lines = Array.from({ length: 5_000 }, (_, index) => (index % 9 === 0 ? '' : line(index)));
  for (const text of lines) list.push(text);
  expect(list.length).toBe(5_000);
  expect([...list.lines()]).toEqual(lines);
  // Reading does not consume: a second pass gives the same lines, and more can be pushed after.
  list.push('last');
  const again = [...list.lines()];
  expect(again).toHaveLength(5_001);
  expect(again.at(-1)).toBe('last');
});

it('keeps the lines joined by the separator as one deflate stream, with its CRC-32 and size', () => {
  const list = createDeflatedLines({ separator: ',\n' });
  const lines = Array.from({ length: 3_000 }, (_, index) => line(index));
  for (const text of lines) list.push(text);
  const deflated = list.deflated();
  expect(deflated.data.length).toBeGreaterThan(2);
  const text = inflate(deflated);
  expect(text).toBe(lines.join(',\n'));
  expect(JSON.parse(`[${text}]`)).toEqual(lines.map((item) => JSON.parse(item)));
  expect([...list.lines()]).toEqual(lines);
  // Lines that end like the separator starts still come back whole.
  const tricky = createDeflatedLines({ separator: ',\n' });
  for (const text of ['a,', ',', '', 'b']) tricky.push(text);
  expect([...tricky.lines()]).toEqual(['a,', ',', '', 'b']);
});

it('is empty until something is pushed; one empty line is one line', () => {
  const list = createDeflatedLines();
  expect([...list.lines()]).toEqual([]);
  expect(list.deflated()).toEqual({ data: [], crc: 0, size: 0 });
  list.push('');
  expect([...list.lines()]).toEqual(['']);
  list.push('');
  expect([...list.lines()]).toEqual(['', '']);
  expect(inflate(list.deflated())).toBe('\n');
});

it('refuses a line with a newline and a separator without exactly one newline at its end', () => {
  const list = createDeflatedLines();
  expect(() => list.push('one\ntwo')).toThrow(/must not contain a newline/);
  expect(() => createDeflatedLines({ separator: ',' })).toThrow(/separator/);
  expect(() => createDeflatedLines({ separator: '\n,\n' })).toThrow(/separator/);
});
