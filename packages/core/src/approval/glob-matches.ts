/** A glob (`*`, `?`, `[abc]`, `[!abc]`, as Python's fnmatch) as an anchored regular expression. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] as string;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const end = glob.indexOf(']', index + 2);
      if (end === -1) source += '\\[';
      else {
        let set = glob.slice(index + 1, end).replaceAll('\\', '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        else if (set.startsWith('^')) set = `\\${set}`;
        source += `[${set}]`;
        index = end;
      }
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/**
 * Whether `text` matches the glob `pattern` (Python's `fnmatch`, case-sensitive).
 * @example globMatches({ text: 'bash_session', pattern: 'bash*' }) // true
 */
export function globMatches(options: { text: string; pattern: string }): boolean {
  return globToRegExp(options.pattern).test(options.text);
}
