/** Runs the real CLI in a child process. */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/secfix.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function secfix(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI as a child process without blocking this process's event loop (for tests that serve a
 * model API on 127.0.0.1 themselves); `env` entries set to undefined are removed.
 */
export function secfixAsync(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A test's skip reason when a Debian-packaged tool is absent. Under CI (CI=true) nothing is
 * skipped: .ci/run installs the tools, and a test that cannot run them must fail, not pass quietly.
 */
export function skipUnlessInstalled(found: boolean, tool: string): string | false {
  if (found || process.env.CI) return false;
  return `${tool} is not installed (apt-get install ${tool}); .ci/run installs it`;
}
