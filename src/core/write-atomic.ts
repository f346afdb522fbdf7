/** Writing a whole file or nothing: a temporary file beside it, then a rename. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.ts';

/** Writes `text` to `file` (its folder created if needed); InputError naming `file` when it cannot. */
export function writeAtomic(file: string, text: string): void {
  const abs = path.resolve(file);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(`cannot write ${file}: ${(e as Error).message}`);
  }
}
