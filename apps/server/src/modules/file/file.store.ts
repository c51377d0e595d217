/** Where uploaded files live. Local disk under the data folder today; an S3-compatible store can implement the same. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStore {
  put(key: string, body: Buffer): Promise<void>;
  open(key: string): Readable;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.resolve(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, body);
    await fs.promises.rename(tmp, file);
  }

  open(key: string): Readable {
    return fs.createReadStream(this.resolve(key));
  }

  private resolve(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
  }
}
