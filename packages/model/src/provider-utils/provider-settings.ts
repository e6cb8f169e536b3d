/** The `fetch` a provider calls; pass your own to add a proxy, logging or a test double. */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Settings every HTTP provider accepts (as the Vercel AI SDK's providers do). */
export interface ProviderSettings {
  /** The API key; by default read from the provider's environment variable. */
  apiKey?: string;
  /** The API's base URL, e.g. `https://api.openai.com/v1`; may hold `user:password@` for basic auth. */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** The fetch implementation. @default globalThis.fetch */
  fetch?: FetchFunction;
}

/** A base URL with any `user:password@` taken out, and what was taken. */
export interface SplitBaseURL {
  /** The URL without credentials and without a trailing slash on its path; its query string is kept. */
  url: string;
  /** The URL without credentials, query string or trailing slash: request paths are appended to it. */
  path: string;
  /** The base URL's query string without its `?` (`api-version=2024-10-21`), or `''`. */
  query: string;
  username?: string;
  password?: string;
}

/**
 * Removes `user:password@` from a base URL (fetch refuses URLs with credentials) and the trailing slash of its
 * path, and sets its query string apart so that request paths go before it.
 */
export function splitBaseURL(baseURL: string): SplitBaseURL {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    const queryStart = baseURL.indexOf('?');
    const path = (queryStart === -1 ? baseURL : baseURL.slice(0, queryStart)).replace(/\/+$/, '');
    const query = queryStart === -1 ? '' : baseURL.slice(queryStart + 1);
    return { url: query === '' ? path : `${path}?${query}`, path, query };
  }
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const query = url.search.slice(1);
  url.search = '';
  url.hash = '';
  const path = url.toString().replace(/\/+$/, '');
  const out: SplitBaseURL = { url: query === '' ? path : `${path}?${query}`, path, query };
  if (username) out.username = username;
  if (password) out.password = password;
  return out;
}

/**
 * The URL of a request: `requestPath` (`/chat/completions`, which may carry its own query) appended to the base
 * URL's path, with the base URL's query string first and the request's after it.
 * @example joinRequestURL(splitBaseURL('https://h/v1?key=k'), '/chat?x=1') // "https://h/v1/chat?key=k&x=1"
 */
export function joinRequestURL(base: Pick<SplitBaseURL, 'path' | 'query'>, requestPath: string): string {
  if (base.query === '') return base.path + requestPath;
  const queryStart = requestPath.indexOf('?');
  if (queryStart === -1) return `${base.path}${requestPath}?${base.query}`;
  const ownQuery = requestPath.slice(queryStart + 1);
  return `${base.path}${requestPath.slice(0, queryStart)}?${base.query}${ownQuery === '' ? '' : `&${ownQuery}`}`;
}

/** Reads an environment variable, or undefined outside Node or when empty. */
export function readEnvironment(name: string): string | undefined {
  const value = globalThis.process?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}
