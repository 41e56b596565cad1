// The analysis worker's API for replay session export and import (.faultline files, share links) (plain data and transferable typed arrays only).

import type { Scenario } from '../chaos/scenario';
import type { DatasetMeta } from '../model/series';
import type { ExportOptions } from '../session/build';
import type { SessionError } from '../session/errors';
import type { Session, SessionView } from '../session/format';

export type { ExportOptions } from '../session/build';
export type { SessionError } from '../session/errors';
export type { Session, SessionView } from '../session/format';

export type SessionExport =
  | { ok: true; bytes: Uint8Array; fileName: string; fingerprint: string; embedded: boolean; redacted: boolean }
  | { ok: false; error: SessionError };

export type SessionImport =
  | { ok: true; session: Session; datasetId: string; dataset: DatasetMeta; reused: boolean }
  | { ok: false; error: SessionError };

export interface SessionWorkerApi {
  /** A .faultline file of the dataset and scenario (bytes transferred). */
  exportSession(datasetId: string, scenario: Scenario, view: SessionView, opts: ExportOptions): Promise<SessionExport>;
  /**
   * Validates a session file, stores its embedded data unless a dataset with that fingerprint exists, saves
   * the scenario as the dataset's 'scenario' document; a missing referenced dataset is a 'missing-dataset' error.
   */
  importSession(file: Blob | Uint8Array): Promise<SessionImport>;
  /** The share-link fragment ("#/session/…") of a session without embedded data; an error when too long. */
  shareLink(datasetId: string, scenario: Scenario, view: SessionView): Promise<{ ok: true; fragment: string } | { ok: false; error: SessionError }>;
  /** Imports the session a share link's payload carries. */
  importLink(payload: string): Promise<SessionImport>;
  /** SHA-256 of a stored dataset's content (what sessions refer to it by). */
  datasetFingerprint(datasetId: string): Promise<string>;
  /** True when the file is a .faultline session (gzip whose JSON names format "faultline-session"). */
  isSessionFile(file: Blob): Promise<boolean>;
}
