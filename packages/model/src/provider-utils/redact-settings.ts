import { redactedMarker, type Redactor } from './redact-secrets.js';
import { redactUrl, urlSecrets } from './redact-url.js';
import { isCredentialName, isNonSecretHeader } from './secret-names.js';

/** Names under which settings hold HTTP headers (model args, generate config, in camel or snake case). */
const headerKeys = /^(headers|extra_?headers|default_?headers)$/i;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function maskHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = value === undefined || isNonSecretHeader(name) ? value : redactedMarker;
  return out;
}

/**
 * A copy of settings (a log's `model_args`, `extra_headers`, `extra_body`) fit to record: values under
 * credential names (`apiKey`, `x_auth_token`, `clientSecret`, …) and of every header but protocol ones
 * (`content-type`, `anthropic-version`, …) become `***`, URLs lose their credentials and query values, and
 * `redactor`'s secrets are removed from every other string. The keys stay, so what was set is still recorded.
 * @example redactSettings({ apiKey: 'sk-1', headers: { 'X-Team': 't' }, stream: true })
 * // { apiKey: '***', headers: { 'X-Team': '***' }, stream: true }
 */
export function redactSettings<TValue>(value: TValue, options: { redactor?: Redactor } = {}): TValue {
  const visit = (item: unknown, key?: string): unknown => {
    if (key !== undefined && isCredentialName(key) && item !== undefined && item !== null && item !== '') return redactedMarker;
    if (typeof item === 'string') return redactUrl(options.redactor ? options.redactor.redact(item) : item);
    if (Array.isArray(item)) return item.map((entry) => visit(entry));
    if (!isPlainObject(item)) return item;
    const source = key !== undefined && headerKeys.test(key) ? maskHeaders(item) : item;
    const out: Record<string, unknown> = {};
    for (const [entryKey, entry] of Object.entries(source)) out[entryKey] = visit(entry, entryKey);
    return out;
  };
  return visit(value) as TValue;
}

/** The secret values in settings, to remove by value wherever they might be echoed: what {@link redactSettings} masks. */
export function settingsSecrets(value: unknown): string[] {
  const secrets: string[] = [];
  const visit = (item: unknown, key?: string, inHeaders = false): void => {
    if (typeof item === 'string') {
      if ((key !== undefined && isCredentialName(key)) || (inHeaders && key !== undefined && !isNonSecretHeader(key))) secrets.push(item);
      else secrets.push(...urlSecrets(item));
      return;
    }
    if (Array.isArray(item)) for (const entry of item) visit(entry, key);
    else if (isPlainObject(item)) {
      const headers = key !== undefined && headerKeys.test(key);
      for (const [entryKey, entry] of Object.entries(item)) visit(entry, entryKey, headers);
    }
  };
  visit(value);
  return secrets;
}
