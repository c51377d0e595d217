import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalFileStore, StorageError } from './file.store';
import { cleanFileName } from './file.service';

const KEY = 'ab/0f8fad5b-d9cb-469f-a165-70867728950e';
const isRoot = process.getuid?.() === 0;

function leftovers(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

describe('the local file store under storage faults', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weimin-store-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a folder that cannot be made (a file in the way) is a StorageError without paths, nothing left behind', async () => {
    fs.writeFileSync(path.join(tmp, 'files'), 'not a folder');
    const store = new LocalFileStore(path.join(tmp, 'files', 'deeper'));
    const err = await store.put(KEY, Buffer.from('%PDF-1.4')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).not.toContain(tmp);
    expect(JSON.stringify((err as StorageError).details)).not.toContain(tmp);
    expect(leftovers(tmp)).toEqual(['files']);
  });

  (isRoot ? it : it.skip)('a full disk (ENOSPC) and a read-only one (EROFS) leave no temp file', async () => {
    const mnt = path.join(tmp, 'mnt');
    fs.mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      const store = new LocalFileStore(mnt);
      const full = await store.put(KEY, Buffer.alloc(1024 * 1024)).catch((e: unknown) => e);
      expect(full).toBeInstanceOf(StorageError);
      expect((full as StorageError).reason).toBe('ENOSPC');
      expect((full as StorageError).messageKey).toBe('file.storageFull');
      expect(leftovers(mnt)).toEqual([]);
      await store.put(KEY, Buffer.from('%PDF-1.4 small'));
      execFileSync('mount', ['-o', 'remount,ro', mnt]);
      const ro = await store.put('ab/1f8fad5b-d9cb-469f-a165-70867728950e', Buffer.from('%PDF')).catch((e: unknown) => e);
      expect((ro as StorageError).reason).toBe('EROFS');
      expect((ro as StorageError).messageKey).toBe('file.storageUnavailable');
      expect(leftovers(mnt)).toEqual([KEY]);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});

describe('file names', () => {
  it('lose control, bidi and invisible characters and path separators', () => {
    expect(cleanFileName('\u202Efdp.exe')).toBe('fdp.exe');
    expect(cleanFileName('a\u0000b\u0007c\u009b\u200Bd\u2066e\u2069.pdf')).toBe('abcde.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(cleanFileName('\u200F\u061C')).toBe('file');
    expect([...cleanFileName('材'.repeat(300))].length).toBe(200);
  });
});
