// NAB's results-file layout: RESULTS/<detector>/<category>/<detector>_<file>.csv with the header
// timestamp,value,anomaly_score,label and one row per data row, in data order.

/** `YYYY-MM-DD HH:MM:SS` (with `.mmm` when the time has milliseconds), UTC, as NAB writes timestamps. */
export function nabStamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(19, 23);
  return iso.slice(0, 10) + ' ' + iso.slice(11, 19) + (frac === '.000' ? '' : frac);
}

/** Where NAB expects a detector's results for the data file `<category>/<file>.csv`. */
export function resultsPath(detector: string, key: string): string {
  const slash = key.lastIndexOf('/');
  return `${detector}/${key.slice(0, slash + 1)}${detector}_${key.slice(slash + 1)}`;
}

/** The results file's text: timestamp,value,anomaly_score,label. */
export function resultsCsv(t: Float64Array, v: Float64Array, score: Float64Array, label: Uint8Array): string {
  const lines = ['timestamp,value,anomaly_score,label'];
  for (let i = 0; i < t.length; i++) lines.push(`${nabStamp(t[i])},${Number.isNaN(v[i]) ? '' : v[i]},${score[i]},${label[i]}`);
  return lines.join('\n') + '\n';
}
