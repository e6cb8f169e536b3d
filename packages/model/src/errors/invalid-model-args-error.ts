import { ModelError } from './model-error.js';

/** Raised when a model's provider arguments (`-M key=value`, `getModel(id, { args })`) hold an unknown key or a bad value. */
export class InvalidModelArgsError extends ModelError {
  readonly provider: string;
  /** The argument at fault, camelCase as the provider reads it. */
  readonly key: string;
  /** Every argument the provider takes. */
  readonly validKeys: readonly string[];

  constructor(options: { provider: string; key: string; validKeys: readonly string[]; message: string }) {
    super({ code: 'invalid_model_args', message: options.message });
    this.name = 'InvalidModelArgsError';
    this.provider = options.provider;
    this.key = options.key;
    this.validKeys = options.validKeys;
  }
}
