// Session controls of the chaos lab toolbar: Export session (embed data, redact values) as a .faultline
// download, Import session (file), Copy share link (URL fragment, never uploaded), the dataset's SHA-256.

import type { DatasetMeta } from '../model/series';
import type { Scenario } from '../workers/api-chaos';
import type { Workers } from '../workers/spawn';
import { h, replace } from './dom';
import { parseRoute } from './router';
import { openSessionFile, sessionNotice } from './session-open';

export interface SessionControlsOptions {
  workers: Workers;
  meta: DatasetMeta;
  scenario: () => Scenario;
  load: (s: Scenario) => void;
}

/** The chaos lab's URL parameters (zoom, selection): the view state a session keeps apart from data. */
function viewParams(): Record<string, string> {
  const r = parseRoute(location.hash);
  return r.kind === 'dataset' ? Object.fromEntries(r.params.entries()) : {};
}

function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/gzip' }));
  const a = h('a', { attrs: { href: url, download: fileName, hidden: true } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function sessionControls(opts: SessionControlsOptions): HTMLElement {
  const { workers, meta } = opts;
  const status = h('span', { class: 'session-status muted', attrs: { 'aria-live': 'polite', 'data-testid': 'session-status' } });
  const fingerprint = h('code', { class: 'session-fingerprint', attrs: { 'data-testid': 'dataset-fingerprint', title: 'SHA-256 of the dataset content: what a session refers to it by' } }, 'SHA-256 …');
  void workers.analysis.datasetFingerprint(meta.id).then(
    (fp) => {
      replace(fingerprint, `dataset SHA-256 ${fp.slice(0, 12)}…`);
      fingerprint.setAttribute('data-fingerprint', fp);
      fingerprint.title = `Dataset SHA-256 ${fp}`;
    },
    () => replace(fingerprint, ''),
  );

  const embed = h('input', { attrs: { type: 'checkbox', 'data-testid': 'session-embed' } });
  const redact = h('input', { attrs: { type: 'checkbox', 'data-testid': 'session-redact' } });
  const note = h('p', { class: 'session-note muted' });
  const explain = (): void => {
    if (redact.checked) embed.checked = true;
    embed.disabled = redact.checked;
    replace(note, redact.checked
      ? 'Label and attribute values become pseudonyms (service-1, …), in the scenario too. The redacted data is embedded, and the SHA-256 in the file is of the redacted data.'
      : embed.checked ? 'The dataset goes inside the file: it opens anywhere without the original file.' : 'The file refers to the dataset by its SHA-256; whoever opens it needs the same file.');
  };
  redact.addEventListener('change', explain);
  embed.addEventListener('change', explain);
  explain();

  const doExport = async (): Promise<void> => {
    replace(status, 'Exporting…');
    try {
      const r = await workers.analysis.exportSession(meta.id, opts.scenario(), { params: viewParams() }, { embed: embed.checked, redact: redact.checked });
      if (!r.ok) {
        replace(status, '');
        sessionNotice('Could not export the session', r.error.message, 'error');
        return;
      }
      download(r.bytes, r.fileName);
      replace(status, `Saved ${r.fileName}${r.redacted ? ' (redacted: SHA-256 of the redacted data ' + r.fingerprint.slice(0, 12) + '…)' : ''}.`);
      options.hidden = true;
    } catch (e) {
      replace(status, '');
      sessionNotice('Could not export the session', e instanceof Error ? e.message : String(e), 'error');
    }
  };

  const options = h('div', { class: 'session-export-options', attrs: { hidden: true, role: 'group', 'aria-label': 'Export options' } },
    h('label', null, embed, ' Embed data'),
    h('label', null, redact, ' Redact values'),
    note,
    h('button', { class: 'btn btn-primary btn-small', attrs: { type: 'button', 'data-testid': 'session-download' }, on: { click: () => void doExport() } }, 'Download .faultline'),
  );
  const exportButton = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'aria-expanded': 'false', 'data-testid': 'session-export' }, on: {
    click: () => {
      options.hidden = !options.hidden;
      exportButton.setAttribute('aria-expanded', String(!options.hidden));
    },
  } }, 'Export session');

  const input = h('input', { class: 'file-input', attrs: { type: 'file', accept: '.faultline', 'aria-label': 'Import session', 'data-testid': 'session-import-input' } });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void openSessionFile(workers, file);
  });
  const importButton = h('button', { class: 'btn btn-small', attrs: { type: 'button' }, on: { click: () => input.click() } }, 'Import session');

  const linkField = h('input', { class: 'session-link', attrs: { type: 'text', readonly: true, hidden: true, 'aria-label': 'Share link', 'data-testid': 'session-link' } });
  const copyLink = async (): Promise<void> => {
    const r = await workers.analysis.shareLink(meta.id, opts.scenario(), { params: viewParams() });
    if (!r.ok) {
      sessionNotice('Could not make a share link', r.error.message, 'error');
      return;
    }
    const url = location.href.split('#')[0] + r.fragment;
    linkField.value = url;
    linkField.hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      replace(status, 'Link copied. The session travels in the part after #, which browsers never send to a server; the dataset is not in it.');
    } catch {
      linkField.select();
      replace(status, 'Copy the link from the field. The session travels in the part after #, never sent to a server.');
    }
  };
  const linkButton = h('button', { class: 'btn btn-small', attrs: { type: 'button', 'data-testid': 'session-share' }, on: { click: () => void copyLink() } }, 'Copy share link');

  return h('div', { class: 'session-controls', attrs: { role: 'group', 'aria-label': 'Replay session' } },
    exportButton, importButton, input, linkButton, fingerprint, status, options, linkField);
}
