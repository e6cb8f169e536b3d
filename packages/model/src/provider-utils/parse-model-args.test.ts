import { describe, expect, it } from 'vitest';
import { InvalidModelArgsError } from '../errors/invalid-model-args-error.js';
import { getModel } from '../model/get-model.js';

async function loadError(promise: Promise<unknown>): Promise<InvalidModelArgsError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidModelArgsError);
  return error as InvalidModelArgsError;
}

describe('provider arguments are checked when a model loads', () => {
  it('an unknown key names the key, suggests a near spelling and lists the valid keys', async () => {
    const error = await loadError(getModel('mockllm/model', { args: { latancy: 5 } }).load!());
    expect(error.code).toBe('invalid_model_args');
    expect(error.key).toBe('latancy');
    expect(error.message).toBe(
      'Unknown model argument "latancy" for provider mockllm (-M latancy=…). Did you mean "latency"? ' +
        'Valid arguments: custom_outputs, default_output, usage, latency.',
    );
  });

  it('suggests nothing for a key unlike any valid one', async () => {
    const error = await loadError(getModel('mockllm/model', { args: { bogusKey: 3 } }).load!());
    expect(error.message).toContain('"bogus_key"');
    expect(error.message).not.toContain('Did you mean');
  });

  it('a value of the wrong type names the key and the type wanted', async () => {
    const error = await loadError(getModel('mockllm/model', { args: { latency: 'abc' } }).load!());
    expect(error.message).toBe('Invalid model argument "latency" for provider mockllm (-M latency=…): expected number, got "abc".');
  });

  it('never echoes the value of an argument that may hold a credential', async () => {
    const error = await loadError(
      getModel('vllm/served', { baseURL: 'http://127.0.0.1:9/v1', args: { headers: 'sk-canary-secret' } }).load!(),
    );
    expect(error.key).toBe('headers');
    expect(error.message).not.toContain('sk-canary-secret');
  });

  it('checks the OpenAI-compatible family with its provider name', async () => {
    const error = await loadError(getModel('vllm/served', { baseURL: 'http://127.0.0.1:9/v1', args: { steam: true } }).load!());
    expect(error.message).toContain('for provider vllm');
    expect(error.message).toContain('Did you mean "stream"?');
  });

  it('accepts every valid key, in the CLI string form too', async () => {
    await expect(getModel('mockllm/model', { args: { latency: '5', defaultOutput: 'x' } }).load!()).resolves.toBeUndefined();
  });
});
