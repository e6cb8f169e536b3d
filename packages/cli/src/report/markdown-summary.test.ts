import { describe, expect, it } from 'vitest';
import { markdownCell } from './markdown-summary.js';

describe('markdownCell', () => {
  it('keeps a cell in its row: | escaped, line breaks as <br>, HTML and control characters neutralised', () => {
    expect(markdownCell('a | b\nc\r\nd')).toBe('a \\| b<br>c<br>d');
    expect(markdownCell('<img src=x> & \\| \u001b[31mred\u0007')).toBe('&lt;img src=x&gt; &amp; \\\\\\| [31mred');
  });
});
