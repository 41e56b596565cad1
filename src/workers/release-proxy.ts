// Closes the message port of a callback that arrived as a Comlink proxy, once the call it served ends.

import * as Comlink from 'comlink';

export function releaseProxy(callback: unknown): void {
  if (typeof callback !== 'function') return;
  const releaseFn = (callback as { [Comlink.releaseProxy]?: unknown })[Comlink.releaseProxy];
  if (typeof releaseFn === 'function') Promise.resolve(releaseFn()).catch(() => undefined);
}
