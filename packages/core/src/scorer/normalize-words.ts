// SQuAD-style answer normalisation as Inspect's exact() and f1() apply it (scorer/_classification.py).
import { formatPythonFloat, isFiniteNumberText, parsePythonFloat } from '../metrics/python-float.js';
import { pythonPunctuation, stripPunctuation } from './match-str.js';

function removePunctuation(token: string): string {
  if (isFiniteNumberText(token)) return token;
  // Punctuation around a number (`(3.14)`, `3.14.`) hides it from the check above.
  const stripped = stripPunctuation(token);
  if (isFiniteNumberText(stripped)) return stripped;
  return [...token].filter((character) => !pythonPunctuation.includes(character)).join('');
}

function normalizeNumberToken(token: string): string {
  return isFiniteNumberText(token) ? formatPythonFloat(parsePythonFloat(token) as number) : token;
}

function normalizeToken(token: string): string {
  let normalized = removePunctuation(token.toLowerCase());
  normalized = normalizeNumberToken(normalized);
  normalized = normalized.replace(/\b(a|an|the)\b/gu, ' ');
  return normalized.split(/\s+/).filter(Boolean).join(' ');
}

/** Normalises text: split on spaces and hyphens, lowercase, drop punctuation and articles, normalise numbers, drop stop words. */
export function normalizeAnswer(text: string, stopWords?: readonly string[]): string {
  const stop = new Set((stopWords ?? []).map(normalizeToken));
  return text
    .split(/ |-/)
    .map(normalizeToken)
    .filter((token) => !stop.has(token) && token.trim() !== '')
    .join(' ')
    .trim();
}

/** The set of normalised words of `text`. */
export function answerWords(text: string, stopWords?: readonly string[]): Set<string> {
  return new Set(normalizeAnswer(text, stopWords).split(/\s+/).filter(Boolean));
}

/** Token F1 of two word sets: the harmonic mean of precision and recall (an empty set has precision/recall 1). */
export function wordF1(answer: ReadonlySet<string>, target: ReadonlySet<string>): number {
  let common = 0;
  for (const word of answer) if (target.has(word)) common++;
  const precision = answer.size === 0 ? 1 : common / answer.size;
  const recall = target.size === 0 ? 1 : common / target.size;
  return precision === 0 && recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Whether Inspect scores against this target: it skips blank ones (`if target.strip()`). */
export function isScoredTarget(target: string): boolean {
  return target.trim() !== '';
}
