// The storage budget checked before an import: the 2x-plus-1-MiB rule, refusal with both sizes in
// the message, and no refusal when the browser cannot tell how much is free.
import { describe, expect, it } from 'vitest';
import { checkStorageBudget, estimateStoredBytes, freeBytes } from '../../src/store/budget';

const MiB = 1024 * 1024;
const use = (usage: number, quota: number) => ({ usage, quota, persisted: false });

describe('storage budget', () => {
  it('estimates twice the file plus 1 MiB', () => {
    expect(estimateStoredBytes(0)).toBe(MiB);
    expect(estimateStoredBytes(100e6)).toBe(200e6 + MiB);
    expect(estimateStoredBytes(-5)).toBe(MiB);
  });

  it('free bytes are quota minus usage, never negative, undefined when unknown', () => {
    expect(freeBytes(use(30, 100))).toBe(70);
    expect(freeBytes(use(120, 100))).toBe(0);
    expect(freeBytes(undefined)).toBeUndefined();
    expect(freeBytes(use(NaN, 100))).toBeUndefined();
    expect(freeBytes(use(10, NaN))).toBeUndefined();
  });

  it('accepts a file whose estimate fits exactly, refuses one byte more', () => {
    const file = 50e6;
    const needed = estimateStoredBytes(file);
    expect(checkStorageBudget('a.csv', file, use(0, needed))).toBeUndefined();
    const e = checkStorageBudget('a.csv', file, use(1, needed));
    expect(e).toEqual({
      kind: 'too-large',
      file: 'a.csv',
      neededBytes: needed,
      availableBytes: needed - 1,
      message: 'a.csv is too large: needs 101 MB, 101 MB free in this browser\'s storage.',
    });
  });

  it('states needed and free sizes in the message', () => {
    const e = checkStorageBudget('big.prom', 1.2e9, use(9.5e9, 10e9));
    expect(e?.kind).toBe('too-large');
    expect(e?.message).toBe('big.prom is too large: needs 2.4 GB, 500 MB free in this browser\'s storage.');
    const small = checkStorageBudget('x.csv', 3e6, use(996e6, 1e9));
    expect(small?.message).toBe('x.csv is too large: needs 7.0 MB, 4.0 MB free in this browser\'s storage.');
  });

  it('does not refuse when the browser gives no estimate', () => {
    expect(checkStorageBudget('a.csv', 1e12, undefined)).toBeUndefined();
  });
});
