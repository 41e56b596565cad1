// The device-pixel-ratio watch: one media query for the current ratio while anything listens, re-armed
// at each change, subscribers told only of real changes and never after unsubscribing.
import { describe, expect, it } from 'vitest';
import { pixelRatioChanges, ratioQuery, type PixelRatioSource } from '../../src/ui/pixel-ratio';

/** A window whose ratio the test sets; `fire()` is the browser telling the armed queries' listeners. */
function fakeWindow(ratio: number) {
  const listening = new Map<string, Set<() => void>>();
  const source: PixelRatioSource & { ratio: number } = {
    ratio,
    get devicePixelRatio() {
      return this.ratio;
    },
    matchMedia(query: string) {
      const set = listening.get(query) ?? new Set<() => void>();
      listening.set(query, set);
      return {
        addEventListener: (_type: string, fn: () => void) => set.add(fn),
        removeEventListener: (_type: string, fn: () => void) => set.delete(fn),
      } as unknown as MediaQueryList;
    },
  };
  const armed = () => [...listening].filter(([, fns]) => fns.size > 0).map(([q, fns]) => [q, fns.size]);
  const fire = () => [...listening.values()].flatMap((fns) => [...fns]).forEach((fn) => fn());
  return { source, armed, fire };
}

describe('pixelRatioChanges', () => {
  it('listens to the current ratio only while subscribed, and re-arms for the new ratio at each change', () => {
    const w = fakeWindow(1);
    const subscribe = pixelRatioChanges(w.source);
    expect(w.armed()).toEqual([]);
    const seen: number[] = [];
    const off = subscribe(() => seen.push(w.source.devicePixelRatio));
    expect(w.armed()).toEqual([[ratioQuery(1), 1]]);

    w.source.ratio = 2;
    w.fire();
    expect(seen).toEqual([2]);
    expect(w.armed()).toEqual([[ratioQuery(2), 1]]);

    w.source.ratio = 1.100000023841858; // 110 % browser zoom
    w.fire();
    expect(seen).toEqual([2, 1.100000023841858]);
    expect(w.armed()).toEqual([[ratioQuery(1.100000023841858), 1]]);

    off();
    expect(w.armed()).toEqual([]);
  });

  it('tells every subscriber once per change, none of a query firing without a new ratio', () => {
    const w = fakeWindow(1);
    const subscribe = pixelRatioChanges(w.source);
    let a = 0;
    let b = 0;
    const offA = subscribe(() => a++);
    const offB = subscribe(() => b++);
    expect(w.armed()).toEqual([[ratioQuery(1), 1]]); // one query for all subscribers
    w.fire(); // same ratio (Chrome's print preview fires these)
    expect([a, b]).toEqual([0, 0]);
    w.source.ratio = 1.5;
    w.fire();
    expect([a, b]).toEqual([1, 1]);
    offA();
    offA(); // twice is harmless
    w.source.ratio = 3;
    w.fire();
    expect([a, b]).toEqual([1, 2]);
    offB();
    expect(w.armed()).toEqual([]);
  });

  it('a subscriber unsubscribed by another during a change is not called', () => {
    const w = fakeWindow(2);
    const subscribe = pixelRatioChanges(w.source);
    const calls: string[] = [];
    let offB = (): void => undefined;
    subscribe(() => {
      calls.push('a');
      offB(); // as a view destroyed by another's redraw
    });
    offB = subscribe(() => calls.push('b'));
    w.source.ratio = 1;
    w.fire();
    expect(calls).toEqual(['a']);
  });

  it('matches a range around the ratio', () => {
    expect(ratioQuery(2)).toBe('(min-resolution: 1.999dppx) and (max-resolution: 2.001dppx)');
  });
});
