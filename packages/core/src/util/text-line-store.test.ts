import { describe, expect, it } from 'vitest';
import { createTextLineStore } from './text-line-store.js';

describe('the text line store', () => {
  it('gives back every line in order, across growths of its buffer, with non-ASCII text intact', () => {
    const store = createTextLineStore();
    const lines = Array.from({ length: 5000 }, (_, index) => JSON.stringify({ id: index, text: `é — ${'x'.repeat(index % 97)}`, nan: 'NaN' }));
    for (const line of lines) store.add(line);
    store.add('');
    expect(store.count).toBe(5001);
    expect([...store.lines()]).toEqual([...lines, '']);
    // Read twice: reading does not consume.
    expect([...store.lines()].length).toBe(5001);
  });

  it('takes its lines as UTF-8 with a newline after each, and starts again empty', () => {
    const store = createTextLineStore();
    store.add('{"a":"é"}');
    store.add('[1]');
    expect(Buffer.from(store.take()).toString('utf8')).toBe('{"a":"é"}\n[1]\n');
    expect(store.count).toBe(0);
    expect([...store.lines()]).toEqual([]);
    store.add('next');
    expect(Buffer.from(store.take()).toString('utf8')).toBe('next\n');
  });

  it('holds one line larger than its whole buffer', () => {
    const store = createTextLineStore();
    const big = 'y'.repeat(200_000);
    store.add('a');
    store.add(big);
    expect([...store.lines()]).toEqual(['a', big]);
  });
});
