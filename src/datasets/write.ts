/**
 * Writes a built dataset into the directory the user named, and nowhere else: each file goes to a
 * temporary name beside its final one and is renamed into place, so a reader never sees half a file.
 * Names are fixed here; nothing in the data chooses a path.
 */
import { writeAtomic } from '../core/write-atomic.ts';
import path from 'node:path';
import { InputError } from '../core/errors.ts';
import type { DatasetBuild } from './build.ts';
import { renderCard } from './card.ts';
import { axolotlConfig, chatLine, DEFAULT_LORA, exportPath, jsonl, promptCompletionLine, type ExportFormat, type LoraSettings } from './export.ts';
import { SPLITS } from './split.ts';

export const CARD_FILE = 'README.md';

/** The files of a build, by path relative to the output directory (the card last). */
export function datasetFiles(build: DatasetBuild, formats: readonly ExportFormat[], lora: LoraSettings = DEFAULT_LORA): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of SPLITS) files.set(`${s}.jsonl`, build.data[s]);
  const want = new Set(formats);
  if (want.has('openai')) for (const s of SPLITS) files.set(exportPath('openai', s), jsonl(build.splits[s].map(chatLine)));
  if (want.has('hf') || want.has('axolotl')) {
    for (const s of SPLITS) files.set(exportPath('hf-messages', s), jsonl(build.splits[s].map(chatLine)));
  }
  if (want.has('hf')) for (const s of SPLITS) files.set(exportPath('hf-prompt-completion', s), jsonl(build.splits[s].map(promptCompletionLine)));
  if (want.has('axolotl')) files.set('axolotl.yaml', axolotlConfig(lora, { hasValidation: build.splits.validation.length > 0, seed: build.settings.seed }));
  files.set(CARD_FILE, renderCard(build, [...files.keys(), CARD_FILE]));
  return files;
}

/** Writes the files under dir atomically, one by one; returns their relative paths. */
export function writeDataset(dir: string, files: ReadonlyMap<string, string>): string[] {
  const root = path.resolve(dir);
  for (const [rel, text] of files) {
    const file = path.join(root, rel);
    if (path.relative(root, file).startsWith('..')) throw new InputError(`refusing to write ${rel} outside ${dir}`);
    writeAtomic(path.join(dir, rel), text);
  }
  return [...files.keys()];
}
