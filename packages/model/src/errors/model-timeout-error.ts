import { ModelError } from './model-error.js';

/**
 * Which limit a {@link ModelTimeoutError} hit: one attempt (`attemptTimeout`), the whole call (`timeout`), or a
 * silent connection (`idleTimeout`: no data from the API for that long).
 */
export type ModelTimeoutScope = 'attempt' | 'total' | 'idle';

const messages: Record<ModelTimeoutScope, (model: string, timeout: number) => string> = {
  attempt: (model, timeout) =>
    `An attempt to call ${model} timed out after ${timeout} s (attemptTimeout). ` +
    'Raise `attemptTimeout` in the generate config if the model needs longer.',
  total: (model, timeout) =>
    `The call to ${model} timed out after ${timeout} s, retries included (timeout). ` +
    'Raise `timeout` in the generate config if the model needs longer.',
  idle: (model, timeout) =>
    `${model} sent no data for ${timeout} s (idleTimeout). ` +
    'Raise `idleTimeout` in the generate config if the model is silent for longer.',
};

/** A model call ran out of time; an attempt or idle timeout is retried, a total timeout is final. */
export class ModelTimeoutError extends ModelError {
  /** The model (or, for an idle timeout, the provider) that did not answer in time. */
  readonly model: string;
  /** The limit that was hit, in seconds. */
  readonly timeout: number;
  readonly scope: ModelTimeoutScope;

  constructor(options: { model: string; timeout: number; scope: ModelTimeoutScope; cause?: unknown }) {
    super({
      code: 'model_timeout',
      isRetryable: options.scope !== 'total',
      cause: options.cause,
      message: messages[options.scope](options.model, options.timeout),
    });
    this.name = 'ModelTimeoutError';
    this.model = options.model;
    this.timeout = options.timeout;
    this.scope = options.scope;
  }
}
