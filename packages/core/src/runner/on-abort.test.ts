import { describe, expect, it } from 'vitest';
import { onAbort } from './on-abort.js';

describe('onAbort', () => {
  it('calls each listener once when the signal aborts, except those removed, and adds one listener to the signal', () => {
    const controller = new AbortController();
    let added = 0;
    const addEventListener = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      added++;
      addEventListener(...args);
    }) as AbortSignal['addEventListener'];
    const calls: string[] = [];
    const shared = (): void => {
      calls.push('shared');
    };
    onAbort(controller.signal, shared);
    onAbort(controller.signal, shared);
    const removeB = onAbort(controller.signal, () => calls.push('b'));
    onAbort(controller.signal, () => calls.push('c'));
    removeB();
    expect(added).toBe(1);
    controller.abort();
    controller.abort();
    expect(calls.sort()).toEqual(['c', 'shared', 'shared']);
  });

  it('lets a listener remove others while the signal aborts', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    let removeSecond = (): void => undefined;
    onAbort(controller.signal, () => {
      calls.push('first');
      removeSecond();
    });
    removeSecond = onAbort(controller.signal, () => calls.push('second'));
    controller.abort();
    expect(calls).toEqual(['first']);
  });

  it('keeps the listeners of different signals apart', () => {
    const first = new AbortController();
    const second = new AbortController();
    const calls: string[] = [];
    onAbort(first.signal, () => calls.push('first'));
    onAbort(second.signal, () => calls.push('second'));
    second.abort();
    expect(calls).toEqual(['second']);
    first.abort();
    expect(calls).toEqual(['second', 'first']);
  });
});
