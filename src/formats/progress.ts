// Progress arithmetic for imports (percent, MB/s, ETA) as pure functions over cumulative bytes read
// and elapsed time; an unknown total (0) shows MB read only.

export interface ProgressView {
  /** 0..100, or undefined when the total is unknown. */
  percent: number | undefined;
  /** Throughput in MB/s (10^6 bytes), or undefined before any time has passed. */
  mbPerSecond: number | undefined;
  /** Seconds left at the current rate, or undefined when unknown. */
  etaSeconds: number | undefined;
  /** One line for the user, e.g. "42% · 12.6 of 30.0 MB · 85.1 MB/s · 1 s left". */
  text: string;
}

const MB = 1e6;

export function progressPercent(bytesRead: number, bytesTotal: number): number | undefined {
  if (!(bytesTotal > 0)) return undefined;
  return Math.min(100, Math.max(0, (bytesRead / bytesTotal) * 100));
}

export function throughputMBps(bytesRead: number, elapsedMs: number): number | undefined {
  if (!(elapsedMs > 0)) return undefined;
  return bytesRead / MB / (elapsedMs / 1000);
}

export function etaSeconds(bytesRead: number, bytesTotal: number, elapsedMs: number): number | undefined {
  if (!(bytesTotal > 0) || !(bytesRead > 0) || !(elapsedMs > 0)) return undefined;
  const left = Math.max(0, bytesTotal - bytesRead);
  return (left / bytesRead) * (elapsedMs / 1000);
}

function fmtMB(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

function fmtDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s left`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s left`;
}

export function describeProgress(bytesRead: number, bytesTotal: number, elapsedMs: number): ProgressView {
  const percent = progressPercent(bytesRead, bytesTotal);
  const mbPerSecond = throughputMBps(bytesRead, elapsedMs);
  const eta = etaSeconds(bytesRead, bytesTotal, elapsedMs);
  const parts: string[] = [];
  if (percent !== undefined) {
    parts.push(`${Math.floor(percent)}%`, `${fmtMB(bytesRead)} of ${fmtMB(bytesTotal)} MB`);
  } else {
    parts.push(`${fmtMB(bytesRead)} MB read`);
  }
  if (mbPerSecond !== undefined) parts.push(`${mbPerSecond.toFixed(1)} MB/s`);
  if (eta !== undefined && percent !== undefined && percent < 100) parts.push(fmtDuration(eta));
  return { percent, mbPerSecond, etaSeconds: eta, text: parts.join(' · ') };
}
