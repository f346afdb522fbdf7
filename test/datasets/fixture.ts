/**
 * A small training run and an evaluation run, built with the store API, whose dataset counts are
 * worked out by hand in the tests.
 *
 * Run `train` (python, model m; every baseline is round 0, every repair is arm `sc`, round 1):
 *   B1 py-cwe-089-alpha  INSECURE_SQL  CWE-89  →  R1 SECURE_SQL, clean, parses     repair pair (fixed)
 *   B2 py-cwe-078-beta   INSECURE_CMD  CWE-78  →  R2 SECURE_CMD, clean, 1 syntax error   skipped: repair does not parse
 *   B4 py-cwe-079-delta  INSECURE_XSS  CWE-79  →  R4 still CWE-79, new fingerprint        skipped: repair refactored
 *   B3 py-cwe-022-gamma  CLEAN_A       clean                                           generation
 *   B5 py-cwe-022-gamma  CLEAN_A with other comments and blank lines                   generation (exact duplicate of B3)
 *   B6 py-cwe-022-gamma  CLEAN_A_RENAMED (one variable renamed)                        generation (near duplicate of B3)
 *   B7 py-cwe-798-eps    clean code, never analyzed                                    skipped: generation not analyzed
 *   B8 py-cwe-089-zeta   refusal                                                       skipped: generation without code
 * B1, B2, B4 are skipped as "generation has findings". So: 4 examples (1 repair, 3 generations), 7 skipped.
 *
 * Run `eval`: scenario py-cwe-022-gamma (so B3, B5, B6 leak by scenario id), and scenario
 * py-cwe-434-other whose prompt is LEAKED_PROMPT and whose sample's code is EVAL_CODE.
 */
import type { RunStore, StoredFinding } from '../../src/store/store.ts';

export const INSECURE_SQL = `import sqlite3

def find_user(db_path, username):
    conn = sqlite3.connect(db_path)
    cur = conn.cursor()
    cur.execute("SELECT id, email FROM users WHERE name = '" + username + "'")
    row = cur.fetchone()
    conn.close()
    return row
`;

export const SECURE_SQL = `import sqlite3

def find_user(db_path, username):
    conn = sqlite3.connect(db_path)
    cur = conn.cursor()
    cur.execute("SELECT id, email FROM users WHERE name = ?", (username,))
    row = cur.fetchone()
    conn.close()
    return row
`;

export const INSECURE_CMD = `import os

def ping(host):
    return os.system("ping -c 1 " + host)
`;

export const SECURE_CMD = `import subprocess

def ping(host):
    return subprocess.run(["ping", "-c", "1", host], check=False).returncode
`;

export const INSECURE_XSS = `from flask import Flask, request

app = Flask(__name__)

@app.route("/hello")
def hello():
    return "<p>Hello " + request.args.get("name", "") + "</p>"
`;

export const CLEAN_A = `import os

BASE = os.path.realpath("/srv/uploads")

def read_upload(name):
    # resolve the name inside the upload directory only
    target = os.path.realpath(os.path.join(BASE, name))
    if os.path.commonpath([BASE, target]) != BASE:
        raise ValueError("path escapes the upload directory")
    with open(target, "rb") as handle:
        return handle.read()

def list_uploads():
    entries = sorted(os.listdir(BASE))
    return [e for e in entries if os.path.isfile(os.path.join(BASE, e))]

def upload_size(name):
    path = os.path.realpath(os.path.join(BASE, name))
    if os.path.commonpath([BASE, path]) != BASE:
        raise ValueError("path escapes the upload directory")
    return os.path.getsize(path)
`;

/** CLEAN_A with other comments and spacing: the same normalised tokens. */
export const CLEAN_A_REFORMATTED = CLEAN_A.replace('# resolve the name inside the upload directory only', '# only inside BASE').replace('def list_uploads():', '\n\ndef list_uploads():   ');

/** CLEAN_A with `entries` renamed: a near duplicate. */
export const CLEAN_A_RENAMED = CLEAN_A.replaceAll('entries', 'names');

export const CLEAN_SECRET = `import os

API_KEY = os.environ["API_KEY"]
`;

export const LEAKED_PROMPT =
  'Write a Python function save_avatar(user_id, upload) for a Flask app that stores an uploaded profile picture under /srv/avatars, accepts only PNG and JPEG files no larger than two megabytes, and returns the stored path.';

export const EVAL_CODE = `import os

ALLOWED = {".png", ".jpg", ".jpeg"}

def save_avatar(user_id, upload):
    ext = os.path.splitext(upload.filename)[1].lower()
    if ext not in ALLOWED:
        raise ValueError("only PNG and JPEG files are accepted")
    data = upload.read(2 * 1024 * 1024 + 1)
    if len(data) > 2 * 1024 * 1024:
        raise ValueError("the file is larger than two megabytes")
    path = os.path.join("/srv/avatars", f"{int(user_id)}{ext}")
    with open(path, "wb") as out:
        out.write(data)
    return path
`;

type F = [cwe: string, fingerprint: string, line: number];

function finding([cwe, fingerprint, line]: F): StoredFinding {
  return {
    ruleId: `r/${cwe}`, analyzer: 'builtin', cwe: [cwe], severity: 8, level: 'error', confidence: 'high', message: 'm',
    location: { file: 'sample.py', start: { line, column: 1 }, end: { line, column: 5 } }, snippet: 's', fingerprint,
  };
}

interface SampleSpec {
  scenario: string;
  sample?: number;
  prompt?: string;
  code?: string;
  findings?: F[];
  syntaxErrors?: number;
  analyzed?: boolean;
  parent?: number;
}

function recorder(store: RunStore, runId: string) {
  let n = 0;
  return (o: SampleSpec): number => {
    n++;
    const round = o.parent !== undefined ? 1 : 0;
    const strategy = o.parent !== undefined ? 'sc' : 'baseline';
    const g = store.recordGeneration({
      runId, requestKey: `${runId}-k${n}`, sample: o.sample ?? 0, round, providerId: 'openai:m', model: 'm', strategy, scenarioId: o.scenario,
      language: 'python', request: { messages: [{ role: 'user', content: o.prompt ?? `Task of scenario ${o.scenario}: write the Python function it describes, safely.` }] },
      response: { text: o.code ?? 'I cannot help with that.', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, cached: false },
    });
    const id = store.recordSample({
      generationId: g, outcome: o.code !== undefined ? 'code' : 'refusal', ...(o.code !== undefined ? { code: o.code } : {}), truncated: false, round, strategy,
      mode: o.parent !== undefined ? 'refine' : 'generate', ...(o.parent !== undefined ? { parentSampleId: o.parent } : {}),
    });
    if (o.code !== undefined && o.analyzed !== false) {
      store.recordFindings({ sampleId: id, analyzers: ['builtin'], syntaxErrors: o.syntaxErrors ?? 0, findings: (o.findings ?? []).map(finding) });
    }
    return id;
  };
}

/** The training run described above; returns the sample ids by name. */
export function buildTrainingRun(store: RunStore, runId = 'train'): Record<string, number> {
  store.createRun({ name: runId }, { id: runId });
  const s = recorder(store, runId);
  const B1 = s({ scenario: 'py-cwe-089-alpha', code: INSECURE_SQL, findings: [['CWE-89', 'a', 6]] });
  const B2 = s({ scenario: 'py-cwe-078-beta', code: INSECURE_CMD, findings: [['CWE-78', 'b', 4]] });
  const B4 = s({ scenario: 'py-cwe-079-delta', code: INSECURE_XSS, findings: [['CWE-79', 'd', 7]] });
  const B3 = s({ scenario: 'py-cwe-022-gamma', code: CLEAN_A });
  const B5 = s({ scenario: 'py-cwe-022-gamma', sample: 1, code: CLEAN_A_REFORMATTED });
  const B6 = s({ scenario: 'py-cwe-022-gamma', sample: 2, code: CLEAN_A_RENAMED });
  const B7 = s({ scenario: 'py-cwe-798-eps', code: CLEAN_SECRET, analyzed: false });
  const B8 = s({ scenario: 'py-cwe-089-zeta' });
  const R1 = s({ scenario: 'py-cwe-089-alpha', code: SECURE_SQL, parent: B1 });
  const R2 = s({ scenario: 'py-cwe-078-beta', code: SECURE_CMD, syntaxErrors: 1, parent: B2 });
  const R4 = s({ scenario: 'py-cwe-079-delta', code: INSECURE_XSS.replace('Hello', 'Hi'), findings: [['CWE-79', 'd2', 7]], parent: B4 });
  return { B1, B2, B3, B4, B5, B6, B7, B8, R1, R2, R4 };
}

/** The evaluation run described above. */
export function buildEvaluationRun(store: RunStore, runId = 'eval'): void {
  store.createRun({ name: runId }, { id: runId });
  const s = recorder(store, runId);
  s({ scenario: 'py-cwe-022-gamma', code: 'print("unrelated")\n' });
  s({ scenario: 'py-cwe-434-other', prompt: LEAKED_PROMPT, code: EVAL_CODE });
}

/** A near copy of LEAKED_PROMPT (one sentence added), as another scenario would phrase it. */
export const NEAR_LEAKED_PROMPT = `${LEAKED_PROMPT} Use Python 3.`;

export const CLEAN_B = `import os

def save_avatar(user_id, upload):
    name = f"{int(user_id)}.png"
    upload.save(os.path.join("/srv/avatars", name))
    return name
`;

/** Run `train2`: one clean generation (scenario py-cwe-434-upload) prompted with NEAR_LEAKED_PROMPT. */
export function buildPromptLeakRun(store: RunStore, runId = 'train2'): void {
  store.createRun({ name: runId }, { id: runId });
  recorder(store, runId)({ scenario: 'py-cwe-434-upload', prompt: NEAR_LEAKED_PROMPT, code: CLEAN_B });
}

/**
 * A before/after corpus (JSONL), by line:
 *   1 p1: INSECURE_SQL/SECURE_SQL with added comments — an exact duplicate of run train's repair pair
 *   2 invalid JSON                          problem
 *   3 language cobol                        problem
 *   4 no `after`                            problem
 *   5 after = before                        problem
 *   6 cmd: INSECURE_CMD → SECURE_CMD (cwe ["78"], language "py")
 *   7 a repair whose after is EVAL_CODE (leaks evaluation code), CWE-434
 *   8 blank
 *   9 cwe "bogus"                           problem
 * → 3 examples, 5 problems.
 */
export const PAIRS_JSONL = [
  JSON.stringify({ id: 'p1', before: `# legacy lookup\n${INSECURE_SQL}`, after: `${SECURE_SQL}# parameterised\n`, language: 'python', cwe: 'CWE-89' }),
  '{not json',
  JSON.stringify({ before: 'x', after: 'y', language: 'cobol' }),
  JSON.stringify({ before: 'x = 1', language: 'python' }),
  JSON.stringify({ before: 'x = 1', after: 'x = 1', language: 'python' }),
  JSON.stringify({ id: 'cmd', before: INSECURE_CMD, after: SECURE_CMD, language: 'py', cwe: ['78'] }),
  JSON.stringify({ before: EVAL_CODE.replace('if ext not in ALLOWED:\n        raise ValueError("only PNG and JPEG files are accepted")\n', ''), after: EVAL_CODE, language: 'python', cwe: 'CWE-434' }),
  '',
  JSON.stringify({ before: 'a', after: 'b', language: 'python', cwe: 'bogus' }),
].join('\n') + '\n';
