import { z } from 'zod';
import type { ProviderSettings } from '../../provider-utils/provider-settings.js';

/** OpenAI model ids; any other string is accepted too. */
export type OpenAIModelId =
  | 'gpt-4o'
  | 'gpt-4o-mini'
  | 'gpt-4.1'
  | 'gpt-4.1-mini'
  | 'gpt-5'
  | 'gpt-5-mini'
  | 'o3'
  | 'o4-mini'
  | (string & {});

/** Settings of {@link createOpenAI}. */
export interface OpenAIProviderSettings extends ProviderSettings {
  /** Sent as `OpenAI-Organization`. @default $OPENAI_ORG_ID */
  organization?: string;
  /** Sent as `OpenAI-Project`. @default $OPENAI_PROJECT_ID */
  project?: string;
}

const booleanArg = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean(),
);

/** Provider arguments of the OpenAI family (`-M responses_api=true -M stream=true`). */
export const openAIArgsSchema = z.looseObject({
  /** The API key, as Inspect's `-M api_key=…` (instead of the environment variable); recorded in logs as `***`. */
  apiKey: z.string().optional(),
  /** Use the Responses API instead of Chat Completions. @default false (true for `-pro` and codex models) */
  responsesApi: booleanArg.optional(),
  /** Stream the reply over server-sent events. @default false */
  stream: booleanArg.optional(),
  /** The same as `stream` (the name the Anthropic provider uses). */
  streaming: booleanArg.optional(),
  /** Headers for every request. */
  headers: z.record(z.string(), z.string()).optional(),
  /** A custom fetch. */
  fetch: z.custom<NonNullable<ProviderSettings['fetch']>>((value) => typeof value === 'function').optional(),
  /** Azure OpenAI API version. @default $OPENAI_API_VERSION or "2024-10-21" */
  apiVersion: z.string().optional(),
});
export type OpenAIArgs = z.infer<typeof openAIArgsSchema>;
