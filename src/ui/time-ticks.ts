// Time-axis tick labels for every uPlot chart of the app: UTC, 24-hour "HH:MM" (seconds and milliseconds
// when the step needs them), the date under the first tick of each day, dates alone for day steps.

const DAY = 86_400_000;
const two = (n: number): string => String(n).padStart(2, '0');

/** Labels for uPlot's time splits at a step of `incr` ms (an axis' `values`). */
export function timeTicks(splits: readonly number[], incr: number): string[] {
  let lastDay = '';
  return splits.map((ts, i) => {
    const d = new Date(ts);
    const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    const newDay = day !== lastDay;
    lastDay = day;
    if (incr >= DAY) return i === 0 ? `${day.slice(5)}\n${d.getUTCFullYear()}` : day.slice(5);
    let time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    if (incr < 60_000) time += `:${two(d.getUTCSeconds())}`;
    if (incr < 1000) time += `.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
    return newDay ? `${time}\n${day}` : time;
  });
}
