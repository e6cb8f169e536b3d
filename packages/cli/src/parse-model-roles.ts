import type { ModelSpec } from '@assay/core';
import { CliUsageError } from './cli-error.js';
import { parseFlowMapping } from './parse-flow-mapping.js';

function snakeToCamel(key: string): string {
  return key.replace(/[_-]([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function camelKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [snakeToCamel(key), item]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toModelSpec(role: string, fields: Record<string, unknown>): ModelSpec {
  const flag = `--model-role ${role}`;
  const { model, model_args: snakeArgs, modelArgs, args, base_url: snakeBaseUrl, baseURL, baseUrl, ...config } = fields;
  if (typeof model !== 'string' || model === '') {
    throw new CliUsageError(`${flag}: the object needs "model", e.g. ${role}="{model: openai/gpt-4o, temperature: 0}".`);
  }
  const givenArgs = snakeArgs ?? modelArgs ?? args ?? {};
  if (!isRecord(givenArgs)) throw new CliUsageError(`${flag}: model_args must be an object, e.g. {default_output: "GRADE: C"}.`);
  const url = snakeBaseUrl ?? baseURL ?? baseUrl;
  if (url !== undefined && typeof url !== 'string') throw new CliUsageError(`${flag}: base_url must be a string.`);
  return {
    model,
    // As -M and the generate flags: snake_case (Inspect's spelling) or camelCase.
    args: camelKeys(givenArgs),
    config: camelKeys(config),
    ...(url === undefined ? {} : { baseURL: url }),
  };
}

/**
 * Parses `--model-role NAME=MODEL` values: a `provider/name`, or an object (JSON or a YAML flow mapping, as Inspect
 * takes it) with `model`, `model_args` (what `-M` sets), `base_url`, and generate config fields (`temperature`, …).
 * @example parseModelRoles(['grader={model: mockllm/model, temperature: 0, model_args: {default_output: "GRADE: C"}}'])
 */
export function parseModelRoles(values: readonly string[]): Record<string, string | ModelSpec> {
  const roles: Record<string, string | ModelSpec> = {};
  for (const item of values) {
    const index = item.indexOf('=');
    const role = item.slice(0, index).trim();
    const model = item.slice(index + 1).trim();
    if (index <= 0 || role === '' || model === '') {
      throw new CliUsageError(`--model-role expects role=provider/name or role={model: provider/name, …}, got "${item}".`);
    }
    const flag = `--model-role ${role}`;
    roles[role] = model.startsWith('{') ? toModelSpec(role, parseFlowMapping({ text: model, flag })) : model;
  }
  return roles;
}
