import { redactedMarker } from './redact-secrets.js';
import { isNonSecretQueryParameter } from './secret-names.js';

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The `name=value` pairs of a query string (without its `?`), names decoded, values raw. */
function queryPairs(query: string): Array<{ name: string; value: string | undefined }> {
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const index = pair.indexOf('=');
      return index === -1 ? { name: safeDecode(pair), value: undefined } : { name: safeDecode(pair.slice(0, index)), value: pair.slice(index + 1) };
    });
}

/**
 * A URL fit to record or print: `user:password@` becomes `***:***@` and the value of every query parameter but
 * `api-version` becomes `***` (a proxy's `?key=`); the fact that each was set is kept. Text that is not a URL is
 * returned as it is.
 * @example redactUrl('https://u:p@host/v1?key=k&api-version=1') // "https://***:***@host/v1?key=***&api-version=1"
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username === '' && parsed.password === '' && parsed.search === '') return url;
  const user = parsed.username === '' ? '' : redactedMarker;
  const userinfo = parsed.username === '' && parsed.password === '' ? '' : `${user}${parsed.password === '' ? '' : `:${redactedMarker}`}@`;
  const query = queryPairs(parsed.search.slice(1))
    .map(({ name, value }) => {
      const encodedName = encodeURIComponent(name);
      if (value === undefined) return isNonSecretQueryParameter(name) ? encodedName : redactedMarker;
      return `${encodedName}=${isNonSecretQueryParameter(name) ? value : redactedMarker}`;
    })
    .join('&');
  return `${parsed.protocol}//${userinfo}${parsed.host}${parsed.pathname}${query === '' ? '' : `?${query}`}${parsed.hash}`;
}

/** The secrets a URL holds, to remove by value: its password (alone and as `user:password`) and its query values. */
export function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const secrets: string[] = [];
  if (parsed.password !== '') {
    const password = safeDecode(parsed.password);
    secrets.push(password, parsed.password, `${safeDecode(parsed.username)}:${password}`);
  }
  for (const { name, value } of queryPairs(parsed.search.slice(1))) {
    if (isNonSecretQueryParameter(name)) continue;
    if (value === undefined) secrets.push(name);
    else secrets.push(value, safeDecode(value));
  }
  return secrets;
}
