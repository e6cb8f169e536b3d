import type { ModelUsage } from '@assay/model/spec';
import { z } from 'zod';

/** The price of a model, in dollars per million tokens (Inspect's `ModelCost`, as in `--model-cost-config`). */
export const modelCostSchema = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /** Tokens written to the provider's prompt cache. @default the input price */
  input_cache_write: z.number().nonnegative().optional(),
  /** Tokens read from the provider's prompt cache. @default the input price */
  input_cache_read: z.number().nonnegative().optional(),
});
export type ModelCost = z.infer<typeof modelCostSchema>;

/** Prices keyed by model (`provider/name`, or the name alone). */
export const modelCostConfigSchema = z.record(z.string(), modelCostSchema);
export type ModelCostConfig = z.infer<typeof modelCostConfigSchema>;

let defaultCosts: ModelCostConfig = {};

/**
 * Sets the prices used for cost limits outside an eval (an eval uses its `modelCostConfig`); merged over earlier ones.
 * @example setModelCosts({ 'openai/gpt-4o': { input: 2.5, output: 10 } })
 */
export function setModelCosts(costs: ModelCostConfig): void {
  defaultCosts = { ...defaultCosts, ...modelCostConfigSchema.parse(costs) };
}

/** The price of `model` in `costs` (or the table set with {@link setModelCosts}), by full name or by name alone. */
export function findModelCost(options: { model: string; costs?: ModelCostConfig }): ModelCost | undefined {
  const { model } = options;
  const bare = model.includes('/') ? model.slice(model.indexOf('/') + 1) : model;
  for (const table of [options.costs, defaultCosts]) {
    const found = table?.[model] ?? table?.[bare];
    if (found) return found;
  }
  return undefined;
}

/** Dollars a call cost: its usage priced per million tokens, cache reads and writes at their own prices. */
export function usageCost(usage: ModelUsage, cost: ModelCost): number {
  const cacheRead = usage.input_tokens_cache_read ?? 0;
  const cacheWrite = usage.input_tokens_cache_write ?? 0;
  const dollars =
    usage.input_tokens * cost.input +
    usage.output_tokens * cost.output +
    cacheRead * (cost.input_cache_read ?? cost.input) +
    cacheWrite * (cost.input_cache_write ?? cost.input);
  return dollars / 1_000_000;
}
