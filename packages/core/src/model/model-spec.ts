import type { GenerateConfig } from '@assay/model/spec';

/**
 * A model named with its own generate config, provider arguments (what `-M` sets) and base URL, as Inspect's
 * `ModelConfig`: a role model given this way is created for its role (`--model-role grader={model: …, temperature: 0}`).
 * @example { model: 'openai/gpt-4o', config: { temperature: 0 }, args: { parallelToolCalls: false } }
 */
export interface ModelSpec {
  /** `provider/name`. */
  model: string;
  /** Generate config of this model (merged under each call's). */
  config?: GenerateConfig;
  /** Provider arguments, as `-M key=value` gives them to the model under evaluation. */
  args?: Record<string, unknown>;
  /** Base URL of the provider's API. */
  baseURL?: string;
}
