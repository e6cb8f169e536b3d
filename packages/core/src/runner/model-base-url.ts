import { redactUrl } from '@assay/model';

/**
 * The base URL configured on this machine for a model's provider, read from `<PROVIDER>_BASE_URL` (Inspect's
 * convention, e.g. `OPENAI_BASE_URL`); undefined when the provider's default is used.
 */
export function localModelBaseUrl(model: string): string | undefined {
  const provider = model.split('/')[0] ?? '';
  const name = `${provider.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_BASE_URL`;
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * A model base URL as a log records it and messages show it: `user:password@` and query values (but `api-version`)
 * replaced by `***`. Undefined stays undefined.
 */
export function recordedModelBaseUrl(url: string | undefined): string | undefined {
  return url === undefined ? undefined : redactUrl(url);
}
