// Changes of the device pixel ratio (browser zoom, the window moved to another monitor), for the custom
// canvases sized to it: one media query matching the current ratio, armed while anything listens and
// re-armed at each change (as uPlot does for its own charts), notifying its subscribers.

/** What the watch reads of the window (a fake in unit tests). */
export interface PixelRatioSource {
  readonly devicePixelRatio: number;
  matchMedia(query: string): Pick<MediaQueryList, 'addEventListener' | 'removeEventListener'>;
}

/** A media query matching only `ratio` (a range: a zoomed ratio such as 1.100000023841858 need not match exactly). */
export function ratioQuery(ratio: number): string {
  return `(min-resolution: ${ratio - 0.001}dppx) and (max-resolution: ${ratio + 0.001}dppx)`;
}

/**
 * A subscription to `source`'s pixel-ratio changes: `fn` runs after each change (the new ratio in effect)
 * until the returned function is called. The media query is listened to only while there are subscribers.
 */
export function pixelRatioChanges(source: PixelRatioSource): (fn: () => void) => () => void {
  const listeners = new Set<() => void>();
  let armed: { ratio: number; query: Pick<MediaQueryList, 'removeEventListener'> } | undefined;
  const disarm = (): void => {
    armed?.query.removeEventListener('change', changed);
    armed = undefined;
  };
  const arm = (): void => {
    disarm();
    const ratio = source.devicePixelRatio || 1;
    const query = source.matchMedia(ratioQuery(ratio));
    query.addEventListener('change', changed);
    armed = { ratio, query };
  };
  function changed(): void {
    const before = armed?.ratio;
    arm();
    // A query can fire without a new ratio (Chrome's print preview does): nothing to redraw then.
    if (armed?.ratio !== before) for (const fn of listeners) fn(); // one unsubscribed meanwhile is skipped
  }
  return (fn) => {
    if (!listeners.size) arm();
    listeners.add(fn);
    return () => {
      if (listeners.delete(fn) && !listeners.size) disarm();
    };
  };
}

let ofWindow: ((fn: () => void) => () => void) | undefined;

/** Runs `fn` after each change of this window's device pixel ratio; returns the unsubscribe. */
export function onPixelRatioChange(fn: () => void): () => void {
  ofWindow ??= pixelRatioChanges(window);
  return ofWindow(fn);
}
