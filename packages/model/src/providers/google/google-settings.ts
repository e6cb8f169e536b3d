import { z } from 'zod';
import type { ProviderSettings } from '../../provider-utils/index.js';

/** Gemini model ids; any other string is accepted too. */
export type GoogleModelId =
  | 'gemini-2.5-pro'
  | 'gemini-2.5-flash'
  | 'gemini-2.5-flash-lite'
  | 'gemini-2.0-flash'
  | (string & {});

/** Settings of {@link createGoogle}: `{ apiKey, baseURL, headers, fetch }`. */
export type GoogleProviderSettings = ProviderSettings;

/** The environment variables holding the Gemini API key, in the order they are read. */
export const googleApiKeyEnvVars = ['GOOGLE_API_KEY', 'GEMINI_API_KEY'] as const;
/** The environment variable that overrides the base URL. */
export const googleBaseUrlEnvVar = 'GOOGLE_BASE_URL';
/** The Gemini API's base URL. */
export const googleDefaultBaseURL = 'https://generativelanguage.googleapis.com/v1beta';

const booleanArg = z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());

/** Model arguments of the `google` provider (`-M streaming=true`). */
export const googleArgsSchema = z.looseObject({
  /** The API key, as Inspect's `-M api_key=…` (instead of the environment variable); recorded in logs as `***`. */
  apiKey: z.string().optional(),
  /** Use `streamGenerateContent` (server-sent events) rather than `generateContent`. @default false */
  streaming: booleanArg.optional(),
  /** `safetySettings` sent with every request, as the API takes them. */
  safetySettings: z.array(z.looseObject({ category: z.string(), threshold: z.string() })).optional(),
});
export type GoogleArgs = z.infer<typeof googleArgsSchema>;
