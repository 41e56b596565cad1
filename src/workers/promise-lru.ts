// A small most-recently-used cache of promises for the analysis worker's handlers: a hit moves to the end,
// the oldest entries go past `keep`, and a failed computation is not kept.

export type PromiseLru<T> = ((key: string, make: () => Promise<T>) => Promise<T>) & { delete(key: string): void };

export function promiseLru<T>(keep: number): PromiseLru<T> {
  const cache = new Map<string, Promise<T>>();
  const get = (key: string, make: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    while (cache.size > keep) cache.delete(cache.keys().next().value as string);
    return p;
  };
  return Object.assign(get, { delete: (key: string) => void cache.delete(key) });
}
