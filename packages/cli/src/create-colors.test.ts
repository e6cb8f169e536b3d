import { describe, expect, it } from 'vitest';
import { colorEnabled, createColors } from './create-colors.js';

describe('colorEnabled', () => {
  it('lets FORCE_COLOR decide when set, else NO_COLOR (non-empty) turns colour off, else a terminal turns it on', () => {
    expect(colorEnabled({ env: {}, isTTY: true })).toBe(true);
    expect(colorEnabled({ env: {}, isTTY: false })).toBe(false);
    expect(colorEnabled({ env: { TERM: 'dumb' }, isTTY: true })).toBe(false);
    expect(colorEnabled({ env: { NO_COLOR: '1' }, isTTY: true })).toBe(false);
    expect(colorEnabled({ env: { NO_COLOR: '' }, isTTY: true })).toBe(true);
    for (const force of ['', '1', '2', '3', 'true']) expect(colorEnabled({ env: { FORCE_COLOR: force, NO_COLOR: '1' }, isTTY: false })).toBe(true);
    for (const force of ['0', 'false']) expect(colorEnabled({ env: { FORCE_COLOR: force }, isTTY: true })).toBe(false);
  });

  it('styles text only when enabled', () => {
    expect(createColors({ env: { FORCE_COLOR: '1' } }).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(createColors({ env: { FORCE_COLOR: '0' } }).red('x')).toBe('x');
  });
});
