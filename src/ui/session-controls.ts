// Session export / import controls for the chaos lab toolbar (placeholder: replaced by the sessions helper).

import type { DatasetMeta } from '../model/series';
import type { Scenario } from '../workers/api-chaos';
import type { Workers } from '../workers/spawn';
import { h } from './dom';

export function sessionControls(_opts: { workers: Workers; meta: DatasetMeta; scenario: () => Scenario; load: (s: Scenario) => void }): HTMLElement {
  return h('span', { class: 'session-controls' });
}
