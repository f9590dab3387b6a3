import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * Where attachment bytes (and raw .eml files) live, behind one small interface so a deployment
 * can swap the disk for an object store. Objects are content-addressed per workspace: the key is
 * `<workspace id>/<sha256[0..2]>/<sha256>`, so storing the same bytes twice (a message delivered
 * again, a logo in every signature) keeps one file, and a retried write is harmless.
 */
export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
}

export interface AttachmentStorage {
  put(workspaceId: string, content: Buffer): Promise<StoredObject>;
  /** Throws when the key is malformed or of another workspace. */
  get(workspaceId: string, key: string): Promise<Buffer>;
  has(workspaceId: string, key: string): Promise<boolean>;
}

const KEY = /^([0-9a-f-]{36})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export function storageKey(workspaceId: string, sha256: string): string {
  return `${workspaceId}/${sha256.slice(0, 2)}/${sha256}`;
}

/** Checks a key is well formed and belongs to the workspace (no path tricks can reach the file system). */
export function assertStorageKey(workspaceId: string, key: string): void {
  const m = KEY.exec(key);
  if (!m || m[1] !== workspaceId || !m[3]?.startsWith(m[2] ?? '')) throw new Error('Not a storage key of this workspace');
}

/** Files under a root directory; writes go to a temporary name first and are renamed into place. */
export class DiskStorage implements AttachmentStorage {
  constructor(readonly root: string) {}

  async put(workspaceId: string, content: Buffer): Promise<StoredObject> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const key = storageKey(workspaceId, sha256);
    assertStorageKey(workspaceId, key);
    const file = path.join(this.root, key);
    if (!(await exists(file))) {
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, content, { mode: 0o600 });
      await rename(temp, file);
    }
    return { key, size: content.length, sha256 };
  }

  async get(workspaceId: string, key: string): Promise<Buffer> {
    assertStorageKey(workspaceId, key);
    return readFile(path.join(this.root, key));
  }

  async has(workspaceId: string, key: string): Promise<boolean> {
    assertStorageKey(workspaceId, key);
    return exists(path.join(this.root, key));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The instance's storage: `<data dir>/attachments`. */
export function storageFor(config: Pick<Config, 'dataDir'>): AttachmentStorage {
  return new DiskStorage(path.join(config.dataDir, 'attachments'));
}
