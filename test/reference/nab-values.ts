// The value column of a NAB CSV (timestamp,value), for tests on the benchmark's real series.
import { readFileSync } from 'node:fs';

export const nabValues = (path: string): Float64Array =>
  Float64Array.from(readFileSync(path, 'utf8').trim().split('\n').slice(1), (l) => Number(l.split(',')[1]));
