import { describe, expect, it } from 'vitest';
import { parseModelRoles } from './parse-model-roles.js';

describe('parseModelRoles', () => {
  it('takes a model name, as Inspect does', () => {
    expect(parseModelRoles(['grader=openai/gpt-4o'])).toEqual({ grader: 'openai/gpt-4o' });
  });

  it("takes a YAML flow mapping or JSON with the model's args, generate config and base URL", () => {
    const expected = {
      model: 'openai-api/local/qwen',
      args: { defaultOutput: 'GRADE: C', stream: true },
      config: { temperature: 0, maxTokens: 256 },
      baseURL: 'http://localhost:8000/v1',
    };
    expect(
      parseModelRoles([
        'grader={model: openai-api/local/qwen, temperature: 0, max_tokens: 256, base_url: http://localhost:8000/v1, model_args: {default_output: "GRADE: C", stream: true}}',
      ]),
    ).toEqual({ grader: expected });
    expect(
      parseModelRoles([
        'grader={"model": "openai-api/local/qwen", "temperature": 0, "maxTokens": 256, "base_url": "http://localhost:8000/v1", "model_args": {"default_output": "GRADE: C", "stream": true}}',
      ]),
    ).toEqual({ grader: expected });
  });

  it('names what is wrong', () => {
    expect(() => parseModelRoles(['grader'])).toThrow('--model-role expects role=provider/name or role={model: provider/name, …}, got "grader".');
    expect(() => parseModelRoles(['grader={temperature: 0}'])).toThrow('--model-role grader: the object needs "model"');
    expect(() => parseModelRoles(['grader={model: x/y, temperature: 0'])).toThrow(/--model-role grader: expected "," or "}"/);
  });
});
