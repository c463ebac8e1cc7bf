import { join } from 'node:path';

const STORAGE_KEY = /^[0-9a-f-]{36}\.csv$/;

/** Name under which an upload is stored: derived from the batch id, never from the file name. */
export function storageKeyFor(batchId: string): string {
  return `${batchId}.csv`;
}

/** Where an uploaded file lives; the key is checked so no stored value can escape the folder. */
export function uploadPath(dataDir: string, storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error('Storage key is malformed');

  return join(dataDir, 'uploads', storageKey);
}

export function uploadDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}
