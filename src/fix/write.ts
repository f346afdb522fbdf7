/**
 * Writing fixed files, safely: only files inside the paths the user named, never through a
 * symbolic link, atomically (a temporary file in the same folder, then a rename), keeping the
 * original's permission bits, refusing a file that changed since it was read, and with an optional
 * backup beside it.
 */
import { copyFileSync, lstatSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { InputError } from '../core/errors.ts';

export const BACKUP_SUFFIX = '.secfix-orig';

/** The real paths of the named roots (a named file is a root of its own). */
export function realRoots(paths: readonly string[]): string[] {
  return paths.map((p) => realpathSync(path.resolve(p)));
}

/** Whether `file` (already a real path) lies inside one of the roots. */
export function inside(file: string, roots: readonly string[]): boolean {
  return roots.some((r) => file === r || file.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
}

export interface WriteOptions {
  /** Real paths of the paths the user named. */
  roots: readonly string[];
  /** The text the file had when it was fixed: a file that changed since is not overwritten. */
  expected: string;
  backup?: boolean;
}

/** Replaces `file` with `text`; throws InputError with the reason when it must not. */
export function writeFixed(file: string, text: string, options: WriteOptions): void {
  const abs = path.resolve(file);
  let info;
  try {
    info = lstatSync(abs);
  } catch (e) {
    throw new InputError(`${file}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (info.isSymbolicLink()) throw new InputError(`${file}: is a symbolic link; secfix does not write through links`);
  if (!info.isFile()) throw new InputError(`${file}: is not a regular file`);
  const real = realpathSync(abs);
  if (!inside(real, options.roots)) throw new InputError(`${file}: resolves outside the paths given (${real}); not written`);
  if (readFileSync(real, 'utf8') !== options.expected) throw new InputError(`${file}: changed since it was read; not written`);
  const mode = statSync(real).mode & 0o7777;
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.secfix-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    chmodSync(tmp, mode);
    if (options.backup) {
      const backup = real + BACKUP_SUFFIX;
      if (existsSync(backup)) throw new InputError(`${file}: a backup ${path.basename(backup)} already exists; not overwriting it`);
      copyFileSync(real, backup);
    }
    renameSync(tmp, real);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: cannot write: ${(e as Error).message}`);
  }
}
