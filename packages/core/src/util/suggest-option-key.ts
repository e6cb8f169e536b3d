/**
 * Options of Inspect's that Assay does not have, and what to do instead: a task file ported from Inspect may still
 * set them, and silently running without them (no approval) would give different results.
 */
const unsupportedInspectOptions: Readonly<Record<string, string>> = {
  task_args: 'call the defineTask factory with its options, or pass -T key=value on the command line',
  solver: 'Assay does not replace a task\'s solver at eval time; set "solver" on the task',
};

/** Inspect names whose Assay spelling is not just their camelCase. */
const renamedInspectOptions: Readonly<Record<string, string>> = {
  sample_id: 'sampleIds',
  plan: 'solver',
};

function snakeToCamel(key: string): string {
  return key.replace(/[_-]([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    for (let column = 1; column <= right.length; column++) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * What to tell the user about an option key that is not one of `known`: the Assay spelling of an Inspect key
 * (`message_limit` → `messageLimit`), that Assay lacks the feature (`approval`), or the nearest known key.
 * @example suggestOptionKey({ key: 'message_limit', known: ['messageLimit'] }) // 'Assay spells it "messageLimit"'
 */
export function suggestOptionKey(options: { key: string; known: readonly string[] }): string | undefined {
  const { key, known } = options;
  const renamed = renamedInspectOptions[key];
  if (renamed !== undefined && known.includes(renamed)) return `Assay spells it "${renamed}"`;
  const camel = snakeToCamel(key);
  if (camel !== key && known.includes(camel)) return `Assay spells it "${camel}"`;
  const snake = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const unsupported = unsupportedInspectOptions[snake];
  if (unsupported !== undefined && !known.includes(snake)) return unsupported;
  const lower = key.toLowerCase().replace(/[_-]/g, '');
  const sameLetters = known.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters !== undefined) return `did you mean "${sameLetters}"?`;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key, candidate);
    if (distance <= Math.min(2, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best ? `did you mean "${best.candidate}"?` : undefined;
}

/** One line per unknown key: the key, and a suggestion when there is one. */
export function describeUnknownKeys(options: { keys: readonly string[]; known: readonly string[] }): string {
  return options.keys
    .map((key) => {
      const suggestion = suggestOptionKey({ key, known: options.known });
      return suggestion === undefined ? `"${key}"` : `"${key}" (${suggestion})`;
    })
    .join(', ');
}
