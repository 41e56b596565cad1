// The app-level idle signal for tests (window.__faultlineIdle): no pending worker calls, no queued
// chart requests or redraws, no import running, no navigation waiting for its hashchange. Views mark
// their busy spans with busy().

let busyCount = 0;
let pendingWorkerCalls: () => number = () => 0;
let ready = false;

/** Marks one busy span; call the returned function exactly once when it ends. */
export function busy(): () => void {
  busyCount++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    busyCount--;
  };
}

/** Runs `work` as a busy span. */
export async function whileBusy<T>(work: () => Promise<T>): Promise<T> {
  const end = busy();
  try {
    return await work();
  } finally {
    end();
  }
}

export function setWorkerPending(fn: () => number): void {
  pendingWorkerCalls = fn;
}

/** The shell has rendered once (before that the app is not idle). */
export function markReady(): void {
  ready = true;
}

/**
 * The URL fragment the shell last rendered, or rewrote in place (replaceParams): a click on a link changes
 * location.hash at once but renders only on the hashchange event a task later, and until then the page
 * still shows the previous route.
 */
let settledHash: string | undefined;

/** The page shows the current URL's route (call when rendering it or rewriting the URL in place). */
export function settleRoute(): void {
  settledHash = location.hash;
}

export function isIdle(): boolean {
  return ready && busyCount === 0 && pendingWorkerCalls() === 0 && (settledHash === undefined || settledHash === location.hash);
}

declare global {
  interface Window {
    __faultlineIdle: () => boolean;
  }
}

window.__faultlineIdle = isIdle;
