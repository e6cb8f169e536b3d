import { describe, expect, it } from 'vitest';
import { think } from './think.js';

describe('think', () => {
  it('changes nothing and returns nothing', async () => {
    expect(await think().execute({ thought: 'The flag is probably in /root.' }, {})).toBe('');
  });

  it('takes its own descriptions', () => {
    const tool = think({ description: 'Think before acting.', thoughtDescription: 'Your plan.' });
    expect(tool.info.description).toBe('Think before acting.');
    expect(tool.info.parameters.properties).toEqual({ thought: { type: 'string', description: 'Your plan.' } });
  });
});
