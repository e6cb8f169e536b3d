/** Replaces tabs with spaces up to the next multiple of `tabSize` columns, as Python's `str.expandtabs()`. */
export function expandTabs(text: string, tabSize = 8): string {
  if (!text.includes('\t')) return text;
  let result = '';
  let column = 0;
  for (const character of text) {
    if (character === '\t') {
      const spaces = tabSize - (column % tabSize);
      result += ' '.repeat(spaces);
      column += spaces;
    } else {
      result += character;
      column = character === '\n' || character === '\r' ? 0 : column + 1;
    }
  }
  return result;
}
