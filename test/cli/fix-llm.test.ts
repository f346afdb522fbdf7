/**
 * `secfix fix --model` through the real CLI against a local OpenAI-compatible server: the model's
 * repair goes through the same gate as a rule's fix; a repair that brings a new weakness is
 * rejected and the model is told why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secfixAsync } from '../support/cli.ts';
import { startServer, type Recorded } from '../providers/server.ts';


const ORIGINAL = 'from flask import request\n\n\ndef calc():\n    return eval(request.args["expr"])\n';
const WITH_YAML = 'import yaml\nfrom flask import request\n\n\ndef calc():\n    return yaml.load(request.args["expr"], Loader=yaml.Loader)\n';
const FIXED = 'import ast\nfrom flask import request\n\n\ndef calc():\n    return ast.literal_eval(request.args["expr"])\n';

const answer = (code: string) => (req: Recorded, res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'c', object: 'chat.completion', model: req.body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '```python\n' + code + '```' } }], usage: { prompt_tokens: 5, completion_tokens: 9 } }));
};

test('a model repair is gated: the first answer brings CWE-502 and is rejected, the second is written', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-fix-llm-'));
  const server = await startServer([answer(WITH_YAML), answer(FIXED)]);
  try {
    writeFileSync(path.join(dir, 'calc.py'), ORIGINAL);
    const r = await secfixAsync(['fix', 'calc.py', '--model', 'openai-compatible:local:m', '--base-url', `${server.url}/v1`, '--write'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(readFileSync(path.join(dir, 'calc.py'), 'utf8'), FIXED);
    assert.equal(server.requests.length, 2);
    // the second prompt says why the first answer was rejected
    assert.ok(JSON.stringify(server.requests[1]!.body.messages).includes('introduces CWE-502 (py/unsafe-deserialization)'));
    assert.match(r.stdout, /calc\.py:5 +py\/code-injection +CWE-95 +fixed \(openai-compatible:local:m\)/);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
