import { describeUnknownKeys } from './suggest-option-key.js';

/** Thrown when options have keys the receiver does not know, so that a misspelt or Inspect-spelled option is not ignored. */
export class UnknownOptionError extends Error {
  readonly code = 'unknown_option' as const;
  /** What the options were given to, e.g. `task "qa"` or `evaluate()`. */
  readonly where: string;
  /** The unknown keys, as written. */
  readonly keys: readonly string[];

  constructor(options: { where: string; keys: readonly string[]; known: readonly string[] }) {
    const plural = options.keys.length > 1 ? 's' : '';
    super(
      `Unknown option${plural} for ${options.where}: ${describeUnknownKeys(options)}. ` +
        `Known options: ${options.known.join(', ')}.`,
    );
    this.name = 'UnknownOptionError';
    this.where = options.where;
    this.keys = options.keys;
  }
}

/** Throws an {@link UnknownOptionError} when `value` has keys outside `known` (keys set to `undefined` included). */
export function checkOptionKeys(options: { where: string; value: object; known: readonly string[] }): void {
  const keys = Object.keys(options.value).filter((key) => !options.known.includes(key));
  if (keys.length > 0) throw new UnknownOptionError({ where: options.where, keys, known: options.known });
}
