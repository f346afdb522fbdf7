/**
 * A run killed mid-way through the real CLI (SIGKILL: no chance to clean up) resumes with
 * --resume and repeats no model call that had finished. The model is an OpenAI-compatible server
 * on 127.0.0.1 that answers slowly, so the kill lands while calls are still being made.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, secfixAsync } from '../support/cli.ts';
import { startServer, type Recorded } from '../providers/server.ts';
import { openStore } from '../../src/store/store.ts';

const VULNERABLE = 'import os\nfrom flask import request\n\ndef run():\n    os.system("ping -c 1 " + request.args["host"])\n';
const FIXED = 'import subprocess\n\ndef run(host):\n    subprocess.run(["ping", "-c", "1", host], check=True)\n';


function completion(req: Recorded): string {
  const prompt = JSON.stringify(req.body.messages);
  const code = prompt.includes('is data to be reviewed') ? FIXED : VULNERABLE;
  return JSON.stringify({
    id: 'cmpl-1', object: 'chat.completion', model: req.body.model,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '```python\n' + code + '```' } }],
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  });
}

test('a run killed with SIGKILL resumes through the CLI and repeats no finished model call', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-kill-'));
  const server = await startServer([
    (req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(completion(req));
      }, 120);
    },
  ]);
  try {
    const study = path.join(dir, 'study.yaml');
    writeFileSync(study, [
      'models:',
      `  - {id: "openai-compatible:local", baseUrl: "${server.url}/v1"}`,
      'strategies: [baseline, security-checklist]',
      'scenarios: {builtin: {ids: [py-cwe-078-ping-host, py-cwe-089-user-lookup]}}',
      'languages: [python]',
      'samples: 3',
      'mode: refine',
      'concurrency: 1',
      'cache: {enabled: false}',
      '',
    ].join('\n'));
    // 2 scenarios × 3 samples: 6 baseline calls and 6 repairs
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'secfix.js'), 'run', study, '--store', dir, '--no-progress'], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    while (server.requests.length < 5) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    const before = server.requests.length;
    assert.ok(before >= 5 && before < 12, `killed after ${before} requests`);

    const store = openStore(dir, { file: 'runs.db' });
    const [run] = store.listRuns();
    assert.equal(run!.status, 'running'); // nobody could record the end
    const finished = store.listGenerations(run!.id).filter((g) => g.response).length;
    store.close();
    assert.ok(finished >= before - 1, `${finished} of ${before} calls recorded`);

    // Asynchronously: the model server runs in this process and must keep answering.
    const resumed = await secfixAsync(['run', study, '--store', dir, '--resume', run!.id, '--no-progress']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(resumed.stdout, `${run!.id}\n`);
    assert.match(resumed.stderr, new RegExp(`12 generation\\(s\\) \\(${12 - finished} provider call\\(s\\), ${finished} resumed from the store`));

    // Twelve calls in all, plus at most the one in flight at the kill: nothing finished was asked again.
    // (The three samples of a cell send identical bodies, so the wire cannot tell them apart; the count can.)
    assert.ok(before - finished <= 1);
    assert.equal(server.requests.length, 12 + (before - finished));

    const after = openStore(dir, { file: 'runs.db' });
    assert.equal(after.getRun(run!.id)!.status, 'completed');
    assert.deepEqual(after.counts(run!.id), { generations: 12, samples: 12, findings: 6, comparisons: 6 });
    after.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
