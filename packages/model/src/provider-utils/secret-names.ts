// Which names mark a value as a credential. Used where settings are recorded (a log's model_args, generate config,
// base URL) and by the HTTP client, which treats the value of every header not known to be harmless as a secret.

/** Headers whose values are not secret: protocol and API-version headers. Every other header is treated as one. */
const nonSecretHeaders = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'anthropic-beta',
  'anthropic-version',
  'content-length',
  'content-type',
  'openai-beta',
  'user-agent',
]);

/** Query parameters of a base URL whose values are not secret (Azure's `api-version`); every other one is. */
const nonSecretQueryParameters = new Set(['api-version', 'api_version', 'alt']);

/** The words of a name: split at separators and lower-to-upper case changes (`x_auth_token`, `apiKey`, `API-KEY`). */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * Whether a setting's name means it holds a credential: a word of it is or ends in `token`, `key`, `secret`,
 * `password`, `credential(s)`, `cookie`, or starts with `auth` — in any case and with any separator (`apiKey`,
 * `API-KEY`, `x_auth_token`, `clientSecret`). Plurals such as `max_tokens` do not count.
 * @example isCredentialName('x_auth_token') // true
 */
export function isCredentialName(name: string): boolean {
  return wordsOf(name).some(
    (word) =>
      /(token|key|secret|password|passwd|pwd|credentials?|cookie|signature)$/.test(word) || (/^auth/.test(word) && !/^author$/.test(word)),
  );
}

/** Whether a header's value may be recorded: only protocol headers (`content-type`, `anthropic-version`, …) may. */
export function isNonSecretHeader(name: string): boolean {
  return nonSecretHeaders.has(name.toLowerCase());
}

/** Whether a base URL's query parameter may be recorded (`api-version`); any other may hold a key. */
export function isNonSecretQueryParameter(name: string): boolean {
  return nonSecretQueryParameters.has(name.toLowerCase());
}
