import { z } from 'zod';
import type { ProviderSettings } from '../../provider-utils/index.js';

/** Claude model ids; any other string is accepted too. */
export type AnthropicModelId =
  | 'claude-opus-4-1'
  | 'claude-opus-4-0'
  | 'claude-sonnet-4-5'
  | 'claude-sonnet-4-0'
  | 'claude-haiku-4-5'
  | 'claude-3-7-sonnet-latest'
  | 'claude-3-5-haiku-latest'
  | (string & {});

/** Settings of {@link createAnthropic}: `{ apiKey, baseURL, headers, fetch }`. */
export type AnthropicProviderSettings = ProviderSettings;

/** The environment variable holding the Anthropic API key. */
export const anthropicApiKeyEnvVar = 'ANTHROPIC_API_KEY';
/** The environment variable that overrides the base URL. */
export const anthropicBaseUrlEnvVar = 'ANTHROPIC_BASE_URL';
/** The Messages API's base URL. */
export const anthropicDefaultBaseURL = 'https://api.anthropic.com/v1';
/** The `anthropic-version` header sent with every request. */
export const anthropicVersion = '2023-06-01';
/** `max_tokens` is required by the Messages API; this is used when the config sets none (as Inspect). */
export const anthropicDefaultMaxTokens = 4096;

const booleanArg = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());

/** Model arguments of the `anthropic` provider (`-M streaming=true`). */
export const anthropicArgsSchema = z.looseObject({
  /** The API key, as Inspect's `-M api_key=…` (instead of the environment variable); recorded in logs as `***`. */
  apiKey: z.string().optional(),
  /** Stream the response (server-sent events) rather than wait for one JSON body. @default false */
  streaming: booleanArg.optional(),
  /** Values for the `anthropic-beta` header. */
  betas: z.union([z.string(), z.array(z.string())]).optional(),
});
export type AnthropicArgs = z.infer<typeof anthropicArgsSchema>;
