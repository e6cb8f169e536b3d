import { describe, expect, it } from 'vitest';
import { mm3Hash } from './mm3-hash.js';

// Expected values printed by Inspect 0.3.260's own `inspect_ai._util.hash.mm3_hash`.
const cases: Array<[string, string]> = [
  ['', '00000000000000000000000000000000'],
  ['a', '85555565f6597889e6b53a48510e895a'],
  ['hello', 'cbd8a7b341bd9b025b1e906a48ae1d19'],
  ['0123456789abcde', 'a62dd5f6c0bf23514fccf50c7c544cf0'],
  ['0123456789abcdef', '4be06d94cf4ad1a787c35b5c63a708da'],
  ['0123456789abcdef0', 'eb24ae8785a5c07573fb68b3313128ca'],
  ['x'.repeat(101), '74e484d9fb2c68a3f256fe7de4c92ebc'],
  ['héllo wörld 💡 ünïcödé'.repeat(7), '0169ec8c0136d37ea8c3664b530015e6'],
  ['lone \ud83d surrogate', 'd8743786614e3464e7560137ade5ff16'],
  ['The quick brown fox jumps over the lazy dog'.repeat(3), '72de6c4d3f650039b73fd6db8793598f'],
];

describe('mm3Hash', () => {
  it.each(cases)('hashes %j as Inspect does', (text, expected) => {
    expect(mm3Hash(text)).toBe(expected);
  });
});
