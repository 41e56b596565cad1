// The analysis worker's handlers for replay session export and import (.faultline files, share links).

import * as Comlink from 'comlink';
import { buildSession } from '../session/build';
import { decodeSession, encodeSession, isSessionBytes } from '../session/codec';
import { missingDataset, sessionError } from '../session/errors';
import { DEFAULT_LIMITS, SESSION_EXTENSION } from '../session/format';
import { linkBytes, shareFragment } from '../session/share-link';
import { findByFingerprint, readContent, storedFingerprint, storeEmbedded } from '../session/stored';
import { getDataset } from '../store/datasets';
import { putDocument } from '../store/documents';
import type { DatasetMeta } from '../model/series';
import type { SessionImport, SessionWorkerApi } from './api-session';
import type { WorkerContext } from './worker-context';

async function datasetOf(id: string): Promise<DatasetMeta> {
  const meta = await getDataset(id);
  if (!meta) throw new RangeError(`No dataset ${id} in this browser's storage (deleted?).`);
  return meta;
}

/** A file name from a dataset name: no path separators or control characters. */
const fileNameOf = (name: string): string => (name.replace(/\.[A-Za-z0-9]+(\.gz)?$/, '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_') || 'session') + SESSION_EXTENSION;

async function bytesOf(file: Blob | Uint8Array): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (file instanceof Uint8Array) return new Uint8Array(file);
  if (file.size > DEFAULT_LIMITS.maxCompressedBytes) return undefined;
  return new Uint8Array(await file.arrayBuffer());
}

async function importBytes(bytes: Uint8Array<ArrayBuffer>): Promise<SessionImport> {
  const decoded = await decodeSession(bytes);
  if (!decoded.ok) return decoded;
  const { session, embedded } = decoded.value;
  let dataset = await findByFingerprint(session.dataset.fingerprint);
  const reused = dataset !== undefined;
  if (!dataset) {
    if (!embedded) return { ok: false, error: missingDataset(session.dataset.name, session.dataset.fingerprint) };
    const stored = await storeEmbedded(session.dataset.name, session.dataset.fingerprint, embedded, bytes.length);
    if (!stored.ok) return stored;
    dataset = stored.value;
  }
  await putDocument(dataset.id, 'scenario', JSON.stringify(session.scenario));
  // The embedded columns are not needed by the page (it reads the stored dataset).
  const light = { ...session, dataset: { name: session.dataset.name, fingerprint: session.dataset.fingerprint } };
  return { ok: true, session: light, datasetId: dataset.id, dataset, reused };
}

export function sessionHandlers(_ctx: WorkerContext): SessionWorkerApi {
  return {
    async exportSession(datasetId, scenario, view, opts) {
      const meta = await datasetOf(datasetId);
      const content = await readContent(meta);
      const session = await buildSession({ ...content, name: meta.name }, scenario, view, opts);
      if (!opts.redact) await storedFingerprint(meta, content);
      const bytes = await encodeSession(session);
      const out = { ok: true as const, bytes, fileName: fileNameOf(meta.name), fingerprint: session.dataset.fingerprint, embedded: session.dataset.embedded !== undefined, redacted: session.redacted };
      return Comlink.transfer(out, [bytes.buffer]);
    },

    async importSession(file) {
      const bytes = await bytesOf(file);
      if (!bytes) {
        const size = file instanceof Uint8Array ? file.length : file.size;
        return { ok: false, error: sessionError('too-large', `The session file is ${(size / 1024 / 1024).toFixed(0)} MB, more than the 64 MB a session may be`, '', 'Export it again without embedded data, and import the dataset file on its own.') };
      }
      return importBytes(bytes);
    },

    async shareLink(datasetId, scenario, view) {
      const meta = await datasetOf(datasetId);
      const content = await readContent(meta);
      const session = await buildSession({ ...content, name: meta.name }, scenario, view, { embed: false, redact: false });
      const r = shareFragment(await encodeSession(session), false);
      return r.ok ? { ok: true, fragment: r.value } : r;
    },

    async importLink(payload) {
      const bytes = linkBytes(payload);
      if (!bytes.ok) return bytes;
      return importBytes(bytes.value);
    },

    async datasetFingerprint(datasetId) {
      return storedFingerprint(await datasetOf(datasetId));
    },

    async isSessionFile(file) {
      return isSessionBytes(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()));
    },
  };
}
