// The open trace's find box (as Jaeger UI's "Find…"): text or key=value, searched in the worker over
// services, operations, span ids, attributes and events; matches are tinted in the waterfall, Enter and
// Shift+Enter (or the arrows) step through them, Escape clears.

import { h } from './dom';

export interface TraceFindHooks {
  /** The matching waterfall rows, ascending. */
  search(text: string): Promise<Uint32Array>;
  /** Shows the matches (an empty text clears them). */
  show(rows: Uint32Array, text: string): void;
  /** The selected row (-1 for none). */
  selected(): number;
  select(row: number): void;
}

export interface TraceFind {
  element: HTMLElement;
  /** Runs the current text again (the trace was re-read). */
  refresh(): void;
}

const DEBOUNCE_MS = 150;

export function traceFind(initial: string, hooks: TraceFindHooks): TraceFind {
  const input = h('input', { class: 'trace-find-input', attrs: { type: 'search', value: initial, placeholder: 'Find in trace: text or key=value', 'aria-label': 'Find in trace', spellcheck: 'false' } });
  const count = h('span', { class: 'trace-find-count muted', attrs: { role: 'status' } });
  const prev = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-label': 'Previous match', title: 'Previous match (Shift+Enter)', disabled: true } }, '↑');
  const next = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-label': 'Next match', title: 'Next match (Enter)', disabled: true } }, '↓');
  const element = h('div', { class: 'trace-find', attrs: { role: 'search' } }, input, prev, next, count);
  let matches: Uint32Array = new Uint32Array(0);
  /** The text `matches` are for. */
  let searched = '';
  let seq = 0;
  let timer = 0;

  const label = (at: number): void => {
    const text = input.value.trim();
    const n = matches.length;
    count.textContent = !text ? '' : n === 0 ? 'no match' : at >= 0 ? `${at + 1} of ${n}` : `${n} match${n === 1 ? '' : 'es'}`;
    prev.disabled = next.disabled = n === 0;
  };

  async function run(): Promise<void> {
    const mine = ++seq;
    const text = input.value.trim();
    let rows: Uint32Array = new Uint32Array(0);
    try {
      if (text) rows = await hooks.search(text);
    } catch (e) {
      if (mine === seq) count.textContent = `Could not search: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    if (mine !== seq) return;
    matches = rows;
    searched = text;
    hooks.show(rows, text);
    label(matches.indexOf(hooks.selected()));
  }

  /** Selects the match after (step 1) or before (step −1) the selected row, wrapping around. */
  function step(dir: 1 | -1): void {
    const n = matches.length;
    if (!n) return;
    const sel = hooks.selected();
    let at: number;
    if (dir > 0) {
      at = matches.findIndex((r) => r > sel);
      if (at < 0) at = 0;
    } else {
      at = n - 1;
      while (at >= 0 && matches[at] >= sel) at--;
      if (at < 0) at = n - 1;
    }
    hooks.select(matches[at]);
    label(at);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(timer);
      // Enter right after typing searches first, then steps.
      void (input.value.trim() !== searched ? run() : Promise.resolve()).then(() => step(e.shiftKey ? -1 : 1));
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      input.value = '';
      void run();
    }
  });
  prev.addEventListener('click', () => step(-1));
  next.addEventListener('click', () => step(1));

  return { element, refresh: () => void run() };
}
