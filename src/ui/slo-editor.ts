// The SLO editor: the form and the OpenSLO YAML side by side, kept in sync both ways through the analysis
// worker (form → YAML on every change; YAML → form when it parses), problems inline; Save, Delete, Cancel.
import type { SloDraft } from '../workers/api-slo';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { busy } from './idle';
import { sloForm } from './slo-form';

export interface SloEditorOptions {
  workers: Workers;
  datasetId: string;
  /** The stored SLO being edited (its name), or undefined for a new one. */
  original?: string;
  draft: SloDraft;
  /** Text for the YAML pane instead of the draft's own YAML (e.g. suggestions holding several SLOs). */
  yaml?: string;
  seriesNames: readonly string[];
  services: readonly string[];
  onSaved(names: string[]): void;
  onDeleted(): void;
  onCancel(): void;
}

const DEBOUNCE_MS = 200;

export function sloEditor(o: SloEditorOptions): { element: HTMLElement; destroy(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let destroyed = false;
  const status = h('p', { class: 'slo-editor-status', attrs: { role: 'status' } });
  const yamlErrors = h('ul', { class: 'slo-yaml-problems', attrs: { 'aria-live': 'polite' } });
  const yaml = h('textarea', { class: 'slo-yaml', attrs: { spellcheck: 'false', 'aria-label': 'OpenSLO YAML', rows: 28, wrap: 'off' } });
  const form = sloForm(o.seriesNames, o.services, () => schedule('form'));
  const save = h('button', { class: 'btn btn-primary', attrs: { type: 'button' }, on: { click: () => void doSave() } }, 'Save');
  const del = o.original ? h('button', { class: 'btn btn-danger', attrs: { type: 'button' }, on: { click: () => void doDelete() } }, 'Delete SLO') : null;
  const cancel = h('button', { class: 'btn', attrs: { type: 'button' }, on: { click: () => o.onCancel() } }, 'Cancel');
  yaml.addEventListener('input', () => schedule('yaml'));

  let pendingEnd: (() => void) | undefined;
  function schedule(from: 'form' | 'yaml'): void {
    clearTimeout(timer);
    pendingEnd ??= busy();
    timer = setTimeout(() => {
      const end = pendingEnd;
      pendingEnd = undefined;
      void (from === 'form' ? formToYaml() : yamlToForm()).finally(() => end?.());
    }, DEBOUNCE_MS);
  }

  async function formToYaml(): Promise<void> {
    const mine = ++seq;
    const r = await o.workers.analysis.draftYaml(form.read());
    if (destroyed || mine !== seq) return;
    form.showProblems(r.problems);
    if (r.yaml) {
      yaml.value = r.yaml;
      replace(yamlErrors);
    }
    save.disabled = r.problems.length > 0;
  }

  async function yamlToForm(): Promise<void> {
    const mine = ++seq;
    const r = await o.workers.analysis.yamlDrafts(yaml.value);
    if (destroyed || mine !== seq) return;
    if (!r.ok) {
      replace(yamlErrors, ...r.errors.map((e) => h('li', null, e)));
      save.disabled = true;
      return;
    }
    replace(yamlErrors, ...(r.drafts.length > 1 ? [h('li', { class: 'slo-yaml-note' }, `${r.drafts.length} SLOs in the YAML: the form shows the first, read-only (edit them here, or save and edit each); Save stores them all.`)] : []));
    form.setReadOnly(r.drafts.length > 1);
    if (r.drafts.length) {
      form.write(r.drafts[0]);
      form.showProblems([]);
    }
    save.disabled = r.drafts.length === 0;
  }

  async function doSave(): Promise<void> {
    const end = busy();
    save.disabled = true;
    status.textContent = 'Saving…';
    try {
      const r = await o.workers.analysis.upsertSlos(o.datasetId, yaml.value, o.original);
      if (destroyed) return;
      if (!r.ok) {
        status.textContent = 'Not saved:';
        replace(yamlErrors, ...r.errors.map((e) => h('li', null, e)));
        return;
      }
      status.textContent = 'Saved.';
      const edited = await o.workers.analysis.yamlDrafts(yaml.value);
      o.onSaved(edited.ok ? edited.drafts.map((d) => d.name) : []);
    } catch (e) {
      status.textContent = `Not saved: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      save.disabled = false;
      end();
    }
  }

  async function doDelete(): Promise<void> {
    if (!o.original) return;
    const end = busy();
    try {
      await o.workers.analysis.deleteSlo(o.datasetId, o.original);
      if (!destroyed) o.onDeleted();
    } catch (e) {
      status.textContent = `Not deleted: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      end();
    }
  }

  form.write(o.draft);
  if (o.yaml !== undefined) {
    yaml.value = o.yaml;
    void (async () => {
      const end = busy();
      await yamlToForm().finally(end);
    })();
  } else {
    const end = busy();
    void formToYaml().finally(end);
  }

  const element = h('section', { class: 'slo-editor', attrs: { 'aria-label': o.original ? `Edit SLO ${o.original}` : 'New SLO' } },
    h('header', { class: 'slo-editor-head' }, h('h3', null, o.original ? `Edit ${o.original}` : 'New SLO'), h('div', { class: 'slo-editor-actions' }, save, del, cancel)),
    h('div', { class: 'slo-editor-panes' },
      h('div', { class: 'slo-editor-form' }, form.element),
      h('div', { class: 'slo-editor-yaml' }, h('label', { class: 'panel-label' }, 'OpenSLO v1 YAML'), yaml, yamlErrors)),
    status,
  );
  return {
    element,
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      pendingEnd?.();
    },
  };
}
