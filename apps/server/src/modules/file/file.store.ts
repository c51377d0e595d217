/** Where uploaded files live. Local disk under the data folder today; an S3-compatible store can implement the same. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../common/errors';

/** The file store cannot take the file (disk full, read-only, folder missing): said without server paths. */
export class StorageError extends AppError {
  constructor(readonly reason: string, readonly failure?: unknown) {
    super('STORAGE_UNAVAILABLE', reason === 'ENOSPC' || reason === 'EDQUOT' ? 'The file store is full; the file was not saved. Please try again later or contact the service centre' : 'The file store is not available; the file was not saved. Please try again later or contact the service centre', { reason }, reason === 'ENOSPC' || reason === 'EDQUOT' ? 'file.storageFull' : 'file.storageUnavailable');
  }
}

export interface FileStore {
  /** Stores the whole body under `key` or nothing (throws StorageError, leaving no partial or temp file). */
  put(key: string, body: Buffer): Promise<void>;
  open(key: string): Readable;
  /** Removes a stored file (when the database row could not be written); missing is fine. */
  remove(key: string): Promise<void>;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.resolve(key);
    // Write then rename, so a reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.writeFile(tmp, body, { flag: 'wx' });
      await fs.promises.rename(tmp, file);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
      throw new StorageError((err as NodeJS.ErrnoException).code ?? 'EIO', err);
    }
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.resolve(key), { force: true }).catch(() => undefined);
  }

  open(key: string): Readable {
    return fs.createReadStream(this.resolve(key));
  }

  private resolve(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
  }
}
