import { CliUsageError } from './cli-error.js';

/** What a number flag accepts. */
type NumberKind = 'count' | 'whole' | 'integer' | 'positive' | 'nonnegative' | 'probability';

const kindText: Record<NumberKind, string> = {
  count: 'a whole number of 1 or more',
  whole: 'a whole number of 0 or more',
  integer: 'a whole number',
  positive: 'a number above 0',
  nonnegative: 'a number of 0 or more',
  probability: 'a number from 0 to 1',
};

function fits(kind: NumberKind, number: number): boolean {
  switch (kind) {
    case 'count':
      return Number.isInteger(number) && number >= 1;
    case 'whole':
      return Number.isInteger(number) && number >= 0;
    case 'integer':
      return Number.isInteger(number);
    case 'positive':
      return number > 0;
    case 'nonnegative':
      return number >= 0;
    case 'probability':
      return number >= 0 && number <= 1;
  }
}

/** Every number flag of `eval`, `eval-set` and `eval-retry`: what it accepts and a value to suggest. */
const numberFlags = {
  '--limit': { kind: 'count', example: '10' },
  '--epochs': { kind: 'count', example: '3' },
  '--temperature': { kind: 'nonnegative', example: '0.7' },
  '--top-p': { kind: 'probability', example: '0.9' },
  '--max-tokens': { kind: 'count', example: '1024' },
  '--seed': { kind: 'integer', example: '42' },
  '--max-connections': { kind: 'count', example: '10' },
  '--max-samples': { kind: 'count', example: '11' },
  '--max-tasks': { kind: 'count', example: '2' },
  '--message-limit': { kind: 'count', example: '50' },
  '--token-limit': { kind: 'count', example: '100000' },
  '--turn-limit': { kind: 'count', example: '20' },
  '--time-limit': { kind: 'positive', example: '600' },
  '--working-limit': { kind: 'positive', example: '600' },
  '--cost-limit': { kind: 'positive', example: '0.5' },
  '--timeout': { kind: 'positive', example: '120' },
  '--max-retries': { kind: 'whole', example: '5' },
  '--attempt-timeout': { kind: 'positive', example: '60' },
  '--idle-timeout': { kind: 'positive', example: '300' },
  '--adaptive-connections': { kind: 'count', example: '100' },
  '--fail-on-error': { kind: 'nonnegative', example: '0.1' },
  '--retry-on-error': { kind: 'whole', example: '3' },
  '--log-buffer': { kind: 'count', example: '10' },
  '--log-flush-interval': { kind: 'nonnegative', example: '2' },
  '--cancel-grace': { kind: 'nonnegative', example: '3' },
  '--max-sandboxes': { kind: 'count', example: '10' },
  '--retry-attempts': { kind: 'whole', example: '10' },
  '--retry-wait': { kind: 'nonnegative', example: '30' },
} as const satisfies Record<string, { kind: NumberKind; example: string }>;

/** A flag that takes a number. */
export type NumberFlag = keyof typeof numberFlags;

// Plain decimal notation only: Number() would also take "0x10", "Infinity" and " ".
const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** The usage error for a number flag given a value it does not accept. */
export function numberFlagError(flag: NumberFlag, value: string, accepted?: string): CliUsageError {
  const rule = numberFlags[flag];
  return new CliUsageError(
    `${flag} must be ${accepted ?? kindText[rule.kind]}, got "${value}" (for example ${flag} ${rule.example}, or leave it out for the default).`,
  );
}

/** Parses a number flag against its rule (`--epochs` a whole number of 1 or more, …), or fails naming the flag. */
export function parseNumberFlag(flag: NumberFlag, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.trim());
  if (!decimal.test(value.trim()) || !Number.isFinite(number) || !fits(numberFlags[flag].kind, number)) {
    throw numberFlagError(flag, value);
  }
  return number;
}
