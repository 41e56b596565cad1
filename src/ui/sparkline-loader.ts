// The lifecycle a view's sparklines share: ask the worker once the view is mounted, draw the answer in the
// chart palette (again on every theme change and at the new ratio on every device-pixel-ratio change), show
// a failure under the table, and do nothing once the view is gone or its element left the page.
import { replace } from './dom';
import { whileBusy } from './idle';
import { failure } from './operations-format';
import { onPixelRatioChange } from './pixel-ratio';
import { chartPalette, onThemeChange, type ChartPalette } from './theme';

export interface SparklineLoader {
  mount(): void;
  destroy(): void;
}

/**
 * `fetch` (null: nothing to ask) runs on mount; `draw` gets its answer whenever it is to be drawn while
 * `element` is on the page; a failure goes into `error` with `message`.
 */
export function sparklineLoader<T>(
  element: HTMLElement, error: HTMLElement, message: string, fetch: (() => Promise<T>) | null, draw: (data: T, palette: ChartPalette) => void,
): SparklineLoader {
  let destroyed = false;
  let answer: { data: T } | undefined;
  const redraw = (): void => {
    if (!destroyed && answer && element.isConnected) draw(answer.data, chartPalette());
  };
  const offTheme = onThemeChange(redraw);
  const offRatio = onPixelRatioChange(redraw);
  return {
    mount() {
      if (!fetch) return;
      void whileBusy(async () => {
        try {
          answer = { data: await fetch() };
          redraw();
        } catch (e) {
          if (!destroyed) replace(error, failure(message, e));
        }
      });
    },
    destroy() {
      destroyed = true;
      offTheme();
      offRatio();
    },
  };
}
