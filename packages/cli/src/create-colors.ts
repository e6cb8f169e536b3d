/** ANSI styles for the CLI's own text; each is the identity when colour is off. */
export interface Colors {
  enabled: boolean;
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
}

/**
 * Whether to colour output to a stream: `FORCE_COLOR` decides when set (`0` or `false` off; empty, `1`, `2`, `3` or
 * `true` on, even when not a terminal), else any non-empty `NO_COLOR` turns colour off, else colour is on for a
 * terminal that is not `TERM=dumb`. This is the order Node's own `util.styleText` and `supports-color` use.
 */
export function colorEnabled(options: { env?: NodeJS.ProcessEnv; isTTY?: boolean }): boolean {
  const env = options.env ?? process.env;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return options.isTTY === true && env.TERM !== 'dumb';
}

function style(enabled: boolean, open: number, close: number): (text: string) => string {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

/** The {@link Colors} of output to a stream, on or off by {@link colorEnabled}. */
export function createColors(options: { env?: NodeJS.ProcessEnv; isTTY?: boolean }): Colors {
  const enabled = colorEnabled(options);
  return {
    enabled,
    bold: style(enabled, 1, 22),
    dim: style(enabled, 2, 22),
    red: style(enabled, 31, 39),
    green: style(enabled, 32, 39),
    yellow: style(enabled, 33, 39),
  };
}

/** {@link Colors} that leave text as it is. */
export const noColors: Colors = createColors({ env: { FORCE_COLOR: '0' } });
