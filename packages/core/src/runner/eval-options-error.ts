/** Raised before a run starts (and before any log is written) when a numeric eval or task setting is out of range. */
export class EvalOptionsError extends Error {
  readonly code = 'eval_options_invalid';
  /** Where the setting came from: `evaluate()` options or a task (`task "name"`). */
  readonly source: string;
  /** The setting at fault (`maxConnections`, `config.temperature`). */
  readonly option: string;

  constructor(options: { source: string; option: string; problem: string }) {
    super(`${options.source}: ${options.option} ${options.problem}.`);
    this.name = 'EvalOptionsError';
    this.source = options.source;
    this.option = options.option;
  }
}
