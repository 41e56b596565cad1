// The IndexedDB schema of Faultline and its migration path: database 'faultline', one migration
// function per version, applied in order on upgrade. The only module that opens the database.

import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { NabLabelFile } from '../model/labels';
import type { DatasetMeta } from '../model/series';
import type { TraceColumn } from '../model/traces';

export const DB_NAME = 'faultline';

/** Points per stored chunk (each chunk holds a t and a v slice of this many points). */
export const CHUNK_POINTS = 256 * 1024;

/** One slice of a series' point data. Key: [datasetId, seriesIndex, chunkIndex]. */
export interface ChunkRecord {
  datasetId: string;
  seriesIndex: number;
  chunkIndex: number;
  t: Float64Array;
  v: Float64Array;
}

export type ChunkKey = [string, number, number];

/** Elements per stored slice of a trace column (typed array or string table). */
export const TRACE_CHUNK_ELEMENTS = 256 * 1024;

/** One slice of one column of a dataset's TraceSet. Key: [datasetId, column (index in TRACE_COLUMNS), chunkIndex]. */
export interface TraceChunkRecord {
  datasetId: string;
  column: number;
  chunkIndex: number;
  data: TraceColumn;
}

/** What a dataset document holds: SLO definitions (OpenSLO YAML), a chaos scenario (JSON), chaos runs (JSON). */
export type DocumentKind = 'slos' | 'scenario' | 'chaos-runs';

/**
 * A small per-dataset settings document the user wrote (not telemetry): kept as text so the store needs
 * no analysis types; its owner parses and validates it. Key: [datasetId, kind].
 */
export interface DatasetDocument {
  datasetId: string;
  kind: DocumentKind;
  text: string;
  /** ms since epoch of the last write. */
  updated: number;
}

export interface FaultlineSchema extends DBSchema {
  datasets: { key: string; value: DatasetMeta };
  documents: { key: [string, DocumentKind]; value: DatasetDocument; indexes: { byDataset: string } };
  chunks: { key: ChunkKey; value: ChunkRecord; indexes: { byDataset: string } };
  traceChunks: { key: ChunkKey; value: TraceChunkRecord; indexes: { byDataset: string } };
  /** NAB label entries no stored dataset matched yet, per label file (key: its source name). */
  pendingLabels: { key: string; value: NabLabelFile };
}

export type FaultlineDB = IDBPDatabase<FaultlineSchema>;
type UpgradeTx = IDBPTransaction<FaultlineSchema, StoreNames<FaultlineSchema>[], 'versionchange'>;
type Migration = (db: FaultlineDB, tx: UpgradeTx) => void;

/** migrations[n] upgrades a database at version n to version n + 1. Append, never edit. */
const migrations: Migration[] = [
  // 0 → 1: datasets (records written last, so a visible record means complete data) and chunks.
  (db) => {
    db.createObjectStore('datasets', { keyPath: 'id' });
    const chunks = db.createObjectStore('chunks', { keyPath: ['datasetId', 'seriesIndex', 'chunkIndex'] });
    chunks.createIndex('byDataset', 'datasetId');
  },
  // 1 → 2: trace columns (span columns, string tables, links, attributes and events), chunked like points.
  (db) => {
    const traceChunks = db.createObjectStore('traceChunks', { keyPath: ['datasetId', 'column', 'chunkIndex'] });
    traceChunks.createIndex('byDataset', 'datasetId');
  },
  // 2 → 3: per-dataset documents (SLO definitions, chaos scenarios and runs), deleted with their dataset.
  (db) => {
    const documents = db.createObjectStore('documents', { keyPath: ['datasetId', 'kind'] });
    documents.createIndex('byDataset', 'datasetId');
  },
  // 3 → 4: NAB label entries waiting for their CSVs, so that they survive a reload.
  (db) => {
    db.createObjectStore('pendingLabels', { keyPath: 'source' });
  },
];

export const DB_VERSION = migrations.length;

let opening: Promise<FaultlineDB> | undefined;

/** The shared connection (opened and migrated on first use). */
export function db(): Promise<FaultlineDB> {
  if (!opening) {
    const p = openDB<FaultlineSchema>(DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, tx) {
        for (let v = oldVersion; v < DB_VERSION; v++) migrations[v](database, tx);
      },
      blocking() {
        // A newer version (another tab after an update) wants to migrate: let it, reopen later.
        void p.then((d) => d.close());
        opening = undefined;
      },
      terminated() {
        opening = undefined;
      },
    });
    p.catch(() => {
      if (opening === p) opening = undefined;
    });
    opening = p;
  }
  return opening;
}

/** Every chunk key of one series, in chunk order. */
export function seriesRange(datasetId: string, seriesIndex: number): IDBKeyRange {
  return IDBKeyRange.bound([datasetId, seriesIndex, 0], [datasetId, seriesIndex, Infinity]);
}

/** Every chunk key of one dataset. */
export function datasetRange(datasetId: string): IDBKeyRange {
  return IDBKeyRange.bound([datasetId, -Infinity, -Infinity], [datasetId, Infinity, Infinity]);
}
