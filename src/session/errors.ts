// Errors of session export and import as readable values: what went wrong, where (byte offset or JSON
// path), what to do. Carried across the worker boundary as plain data, never thrown as strings.

export type SessionErrorKind =
  | 'too-large'
  | 'not-gzip'
  | 'corrupt'
  | 'not-json'
  | 'not-session'
  | 'future-version'
  | 'invalid'
  | 'fingerprint'
  | 'missing-dataset'
  | 'too-long-for-link'
  | 'internal';

export interface SessionError {
  kind: SessionErrorKind;
  /** What went wrong, one sentence. */
  what: string;
  /** A JSON path ("scenario.faults[0].durationMs") or a byte offset; empty when the whole file is meant. */
  where: string;
  /** What the user can do about it. */
  todo: string;
  /** The three above as one readable message. */
  message: string;
  /** missing-dataset only: the dataset the session needs. */
  dataset?: { name: string; fingerprint: string };
}

export type SessionResult<T> = { ok: true; value: T } | { ok: false; error: SessionError };

export function sessionError(kind: SessionErrorKind, what: string, where: string, todo: string, extra: Partial<SessionError> = {}): SessionError {
  const at = where ? ` (at ${where})` : '';
  return { kind, what, where, todo, message: `${what}${at}. ${todo}`, ...extra };
}

export const failed = <T>(error: SessionError): SessionResult<T> => ({ ok: false, error });

/** The message of a missing referenced dataset, naming it and the start of its fingerprint. */
export function missingDataset(name: string, fingerprint: string): SessionError {
  const what = `This session needs the dataset ${name} (SHA-256 ${fingerprint.slice(0, 12)}…)`;
  return {
    kind: 'missing-dataset',
    what,
    where: 'dataset',
    todo: 'Import that file, then open the session again.',
    message: `${what}; import that file, then open the session again.`,
    dataset: { name, fingerprint },
  };
}
