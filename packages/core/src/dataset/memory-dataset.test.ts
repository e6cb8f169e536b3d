import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { memoryDataset } from './memory-dataset.js';

describe('memoryDataset', () => {
  it('validates samples, applies defaults and numbers samples without ids by position', () => {
    const dataset = memoryDataset({
      name: 'math',
      samples: [{ input: 'a' }, { id: 'x', input: 'b', target: ['1', '2'] }, { input: 'c' }],
    });
    expect(dataset).toEqual({
      name: 'math',
      shuffled: false,
      samples: [
        { id: 1, input: 'a', target: '' },
        { id: 'x', input: 'b', target: ['1', '2'] },
        { id: 3, input: 'c', target: '' },
      ],
    });
    expect(Object.isFrozen(dataset.samples[0])).toBe(true);
  });

  it('numbers every sample with autoId', () => {
    const dataset = memoryDataset({ samples: [{ id: 'x', input: 'a' }, { input: 'b' }], autoId: true });
    expect(dataset.samples.map((sample) => sample.id)).toEqual([1, 2]);
  });

  it('names the sample and field of an invalid sample', () => {
    const run = (): unknown => memoryDataset({ samples: [{ input: 'a' }, { input: 'b', target: 5 as never }] });
    expect(run).toThrow('sample 2: field "target" must be a string or a list of strings, got number');
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(DatasetError);
      expect(error).toMatchObject({ code: 'dataset_error', sample: 2, field: 'target', path: undefined, line: undefined });
    }
  });

  it('reports a missing input', () => {
    expect(() => memoryDataset({ samples: [{ target: 'x' } as never] })).toThrow('sample 1: field "input" is missing; add it');
  });

  it('reports an invalid chat message by its path', () => {
    const run = (): unknown => memoryDataset({ samples: [{ input: [{ role: 'user', content: 5 }] as never }] });
    expect(run).toThrow('sample 1: field "input[0].content" must be string or array, got number');
  });

  it('rejects duplicate ids, naming both samples', () => {
    expect(() => memoryDataset({ samples: [{ id: 3, input: 'a' }, { input: 'b' }, { id: 3, input: 'c' }] })).toThrow(
      'sample 3: duplicate sample id 3 (first seen on sample 1); give each sample a unique id, or pass autoId: true',
    );
  });

  it('rejects an id from the data that clashes with one given by position, either way round', () => {
    // Sample 2 has no id, so it gets 2, which sample 1 already has.
    expect(() => memoryDataset({ samples: [{ id: 2, input: 'a' }, { input: 'b' }] })).toThrow(
      'sample 2: duplicate sample id 2 (first seen on sample 1)',
    );
    // Sample 1 got 1 by position; sample 3 says it is 1.
    expect(() => memoryDataset({ samples: [{ input: 'a' }, { id: 'x', input: 'b' }, { id: 1, input: 'c' }] })).toThrow(
      'sample 3: duplicate sample id 1 (first seen on sample 1)',
    );
    // Ids past every position so far, fractions and strings never clash with positions.
    const dataset = memoryDataset({ samples: [{ id: 7, input: 'a' }, { input: 'b' }, { id: 1.5, input: 'c' }, { id: '1', input: 'd' }, { input: 'e' }] });
    expect(dataset.samples.map((sample) => sample.id)).toEqual([7, 2, 1.5, '1', 5]);
    // A later sample given by position the id that the data gave an earlier one.
    expect(() => memoryDataset({ samples: [{ id: 3, input: 'a' }, { input: 'b' }, { input: 'c' }] })).toThrow(
      'sample 3: duplicate sample id 3 (first seen on sample 1)',
    );
  });

  it('numbers every sample by position with autoId, whatever ids the data has', () => {
    const dataset = memoryDataset({ samples: [{ id: 2, input: 'a' }, { id: 2, input: 'b' }, { input: 'c' }], autoId: true });
    expect(dataset.samples.map((sample) => sample.id)).toEqual([1, 2, 3]);
  });

  it('treats the number 3 and the string "3" as different ids', () => {
    const dataset = memoryDataset({ samples: [{ id: 3, input: 'a' }, { id: '3', input: 'b' }] });
    expect(dataset.samples.map((sample) => sample.id)).toEqual([3, '3']);
  });

  it('drops unsafe keys from metadata', () => {
    const metadata = JSON.parse('{"__proto__": {"polluted": 1}, "nested": {"constructor": {"prototype": {"polluted": 1}}}, "ok": true}');
    const dataset = memoryDataset({ samples: [{ input: 'a', metadata }] });
    expect(dataset.samples[0]?.metadata).toEqual({ nested: {}, ok: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
