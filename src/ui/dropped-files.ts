// The files of a drop: plain files and dropped folders, walked iteratively (webkitGetAsEntry /
// FileSystemDirectoryEntry) in name order, hidden files skipped, stopped at a file-count cap.

/** At most this many files are imported from one drop (each becomes its own dataset). */
export const MAX_DROPPED_FILES = 200;

export interface DroppedFiles {
  files: File[];
  /** Things the user should know: the cap was hit, hidden files skipped, folders that could not be read. */
  notes: string[];
}

/** The roots of a drop. Call synchronously inside the drop handler: items are only valid during the event. */
export function dropRoots(dt: DataTransfer): { entries: FileSystemEntry[]; loose: File[] } {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  const items = [...dt.items].filter((i) => i.kind === 'file');
  for (const item of items) {
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  if (!items.length) loose.push(...dt.files);
  return { entries, loose };
}

const isDirectory = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;
const isFile = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;

const fileOf = (e: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => e.file(resolve, reject));

/** One directory's entries: readEntries answers in batches (100 in Chromium) until an empty one. */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    out.push(...batch);
  }
}

/**
 * Every file under the roots, depth first in name order, without recursion (an explicit stack:
 * folder depth is the user's). Files inside folders are named by their path from the dropped folder,
 * e.g. "exports/prod/metrics.csv", so the datasets of a folder are told apart.
 */
export async function collectDroppedFiles(entries: FileSystemEntry[], loose: File[] = [], cap = MAX_DROPPED_FILES): Promise<DroppedFiles> {
  const files: File[] = [];
  const notes: string[] = [];
  let hidden = 0;
  let more = false;
  const unreadable: string[] = [];
  const stack: FileSystemEntry[] = [...entries].reverse();
  for (const f of loose) {
    if (files.length >= cap) more = true;
    else files.push(f);
  }
  while (stack.length) {
    const entry = stack.pop() as FileSystemEntry;
    const path = entry.fullPath.replace(/^\//, '') || entry.name;
    if (entry.name.startsWith('.')) {
      hidden++;
      continue;
    }
    if (isDirectory(entry)) {
      try {
        const children = await readAll(entry);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      } catch (e) {
        unreadable.push(`${path} (${e instanceof Error ? e.message : String(e)})`);
      }
      continue;
    }
    if (!isFile(entry)) continue;
    if (files.length >= cap) {
      more = true;
      break;
    }
    try {
      const file = await fileOf(entry);
      const inFolder = path.includes('/');
      files.push(inFolder ? new File([file], path, { type: file.type, lastModified: file.lastModified }) : file);
    } catch (e) {
      unreadable.push(`${path} (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (more) notes.push(`The drop holds more than ${cap} files; the first ${cap} (in name order) are imported. Drop the rest separately.`);
  if (hidden) notes.push(`${hidden} hidden ${hidden === 1 ? 'file or folder was' : 'files or folders were'} skipped (names starting with “.”).`);
  if (unreadable.length) notes.push(`Could not read: ${unreadable.join(', ')}.`);
  return { files, notes };
}
