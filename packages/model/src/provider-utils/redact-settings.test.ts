import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact-secrets.js';
import { redactSettings, settingsSecrets } from './redact-settings.js';
import { redactUrl, urlSecrets } from './redact-url.js';
import { isCredentialName, isNonSecretHeader } from './secret-names.js';

describe('isCredentialName', () => {
  it.each(['apiKey', 'api_key', 'API-KEY', 'x_auth_token', 'token', 'clientSecret', 'password', 'Authorization', 'credentials', 'aws_secret_access_key', 'Cookie'])(
    '%s names a credential',
    (name) => expect(isCredentialName(name)).toBe(true),
  );
  it.each(['max_tokens', 'maxTokens', 'reasoning_tokens', 'stream', 'headers', 'author', 'temperature', 'responsesApi', 'apiVersion'])(
    '%s does not',
    (name) => expect(isCredentialName(name)).toBe(false),
  );
});

describe('isNonSecretHeader', () => {
  it('allows protocol headers only', () => {
    expect(['Content-Type', 'anthropic-version', 'anthropic-beta'].map(isNonSecretHeader)).toEqual([true, true, true]);
    expect(['X-Team', 'Authorization', 'x-api-key', 'OpenAI-Organization'].map(isNonSecretHeader)).toEqual([false, false, false, false]);
  });
});

describe('redactUrl', () => {
  it('masks user:password and query values but api-version, keeping that they were set', () => {
    expect(redactUrl('https://me:p%40ss@proxy.example.com/v1?key=abc&api-version=2024-10-21&flag')).toBe(
      'https://***:***@proxy.example.com/v1?key=***&api-version=2024-10-21&***',
    );
  });
  it('leaves URLs without secrets and text that is no URL as they are', () => {
    expect(redactUrl('https://api.openai.com/v1')).toBe('https://api.openai.com/v1');
    expect(redactUrl('not a url')).toBe('not a url');
  });
  it('lists the secrets to remove by value, decoded and as written', () => {
    expect(urlSecrets('https://me:p%40ss@h/v1?key=a%2Fb&api-version=1')).toEqual(['p@ss', 'p%40ss', 'me:p@ss', 'a%2Fb', 'a/b']);
  });
});

describe('redactSettings', () => {
  it('masks credential-named values, header values and URL secrets; the keys stay', () => {
    const args = {
      apiKey: 'k1',
      'API-KEY': 'k2',
      x_auth_token: 'k3',
      nested: { clientSecret: 'k4', max_tokens: 5 },
      headers: { 'X-Team': 'evals', 'anthropic-version': '2023-06-01' },
      baseUrl: 'https://u:p@h/v1?key=q',
      stream: true,
      note: 'the key is sk-live-123456',
    };
    expect(redactSettings(args, { redactor: createRedactor({ secrets: ['sk-live-123456'] }) })).toEqual({
      apiKey: '***',
      'API-KEY': '***',
      x_auth_token: '***',
      nested: { clientSecret: '***', max_tokens: 5 },
      headers: { 'X-Team': '***', 'anthropic-version': '2023-06-01' },
      baseUrl: 'https://***:***@h/v1?key=***',
      stream: true,
      note: 'the key is ***',
    });
    expect(args.apiKey).toBe('k1');
  });
  it('finds the same secrets by value', () => {
    expect(settingsSecrets({ apiKey: 'k1', headers: { 'X-Team': 'evals', 'content-type': 'x' }, url: 'https://h/?key=q' }).sort()).toEqual(['evals', 'k1', 'q', 'q']);
  });
});
