/** The run store's schema as numbered migrations; `PRAGMA user_version` records the applied one. */
import type { Database } from './sqlite.ts';
import { StoreError } from './errors.ts';

/** Each entry moves the schema from version i to i + 1; never edit one that has shipped. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id             TEXT PRIMARY KEY,
    created        TEXT NOT NULL,
    config_json    TEXT NOT NULL,
    config_hash    TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'running', 'interrupted', 'completed', 'failed')),
    secfix_version TEXT NOT NULL
  ) STRICT;

  CREATE TABLE generations (
    id            INTEGER PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    request_key   TEXT NOT NULL,
    sample_index  INTEGER NOT NULL CHECK (sample_index >= 0),
    round         INTEGER NOT NULL CHECK (round >= 0),
    provider_id   TEXT NOT NULL,
    model         TEXT NOT NULL,
    strategy      TEXT NOT NULL,
    scenario_id   TEXT NOT NULL,
    language      TEXT NOT NULL,
    prompt_json   TEXT NOT NULL,
    response_text TEXT,
    finish_reason TEXT,
    input_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    latency_ms    REAL NOT NULL DEFAULT 0,
    cached        INTEGER NOT NULL CHECK (cached IN (0, 1)),
    error_kind    TEXT,
    error_message TEXT,
    created       TEXT NOT NULL,
    CHECK ((response_text IS NULL) <> (error_kind IS NULL)),
    UNIQUE (run_id, request_key, sample_index, round)
  ) STRICT;
  CREATE INDEX generations_cell ON generations (run_id, provider_id, strategy, scenario_id);

  CREATE TABLE samples (
    id               INTEGER PRIMARY KEY,
    generation_id    INTEGER NOT NULL UNIQUE REFERENCES generations(id) ON DELETE CASCADE,
    outcome          TEXT NOT NULL CHECK (outcome IN ('code', 'refusal', 'no-code')),
    code             TEXT,
    truncated        INTEGER NOT NULL CHECK (truncated IN (0, 1)),
    parent_sample_id INTEGER REFERENCES samples(id) ON DELETE CASCADE,
    round            INTEGER NOT NULL CHECK (round >= 0),
    CHECK ((outcome = 'code') = (code IS NOT NULL))
  ) STRICT;
  CREATE INDEX samples_parent ON samples (parent_sample_id);

  -- One row per (sample, analyzer) that finished, so a clean sample is told apart from an unscanned one.
  CREATE TABLE analyses (
    sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    analyzer  TEXT NOT NULL,
    PRIMARY KEY (sample_id, analyzer)
  ) STRICT;

  CREATE TABLE findings (
    id           INTEGER PRIMARY KEY,
    sample_id    INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    analyzer     TEXT NOT NULL,
    rule_id      TEXT NOT NULL,
    cwe_json     TEXT NOT NULL,
    severity     REAL NOT NULL,
    level        TEXT NOT NULL,
    confidence   TEXT NOT NULL,
    message      TEXT NOT NULL,
    file         TEXT NOT NULL,
    start_line   INTEGER NOT NULL,
    start_column INTEGER NOT NULL,
    end_line     INTEGER NOT NULL,
    end_column   INTEGER NOT NULL,
    fingerprint  TEXT NOT NULL,
    snippet      TEXT NOT NULL,
    UNIQUE (sample_id, analyzer, rule_id, fingerprint, file, start_line, start_column)
  ) STRICT;

  CREATE TABLE comparisons (
    id                 INTEGER PRIMARY KEY,
    sample_id          INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    repaired_sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
    resolved_json      TEXT NOT NULL,
    persisted_json     TEXT NOT NULL,
    introduced_json    TEXT NOT NULL,
    UNIQUE (sample_id, repaired_sample_id)
  ) STRICT;
  `,
  // 2: findings record every analyzer merged into them (sources_json), and a sample carries its own cell (model, strategy arm, mode, scenario, sample number), so two arms
  // that share one model call (the same request) each keep their own sample; imported samples too.
  // SQLite cannot drop a UNIQUE constraint, so the table is rebuilt (foreign keys are off meanwhile).
  `
  CREATE TABLE samples_v2 (
    id               INTEGER PRIMARY KEY,
    run_id           TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    generation_id    INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
    model            TEXT NOT NULL,
    strategy         TEXT NOT NULL,
    mode             TEXT NOT NULL CHECK (mode IN ('generate', 'refine', 'import')),
    scenario_id      TEXT NOT NULL,
    language         TEXT NOT NULL,
    sample_index     INTEGER NOT NULL CHECK (sample_index >= 0),
    round            INTEGER NOT NULL CHECK (round >= 0),
    outcome          TEXT NOT NULL CHECK (outcome IN ('code', 'refusal', 'no-code')),
    code             TEXT,
    truncated        INTEGER NOT NULL CHECK (truncated IN (0, 1)),
    parent_sample_id INTEGER REFERENCES samples_v2(id) ON DELETE CASCADE,
    CHECK ((outcome = 'code') = (code IS NOT NULL)),
    UNIQUE (run_id, model, strategy, mode, scenario_id, sample_index, round)
  ) STRICT;
  INSERT INTO samples_v2 (id, run_id, generation_id, model, strategy, mode, scenario_id, language, sample_index, round, outcome, code, truncated, parent_sample_id)
    SELECT s.id, g.run_id, s.generation_id, g.model, g.strategy, CASE WHEN s.parent_sample_id IS NULL THEN 'generate' ELSE 'refine' END,
      g.scenario_id, g.language, g.sample_index, s.round, s.outcome, s.code, s.truncated, s.parent_sample_id
    FROM samples s JOIN generations g ON g.id = s.generation_id;
  DROP TABLE samples;
  ALTER TABLE samples_v2 RENAME TO samples;
  CREATE INDEX samples_parent ON samples (parent_sample_id);
  CREATE INDEX samples_generation ON samples (generation_id);
  CREATE INDEX samples_cell ON samples (run_id, model, strategy, scenario_id);
  -- The analyzers (and their rule ids) whose findings were merged into this one.
  ALTER TABLE findings ADD COLUMN sources_json TEXT NOT NULL DEFAULT '[]';
  UPDATE findings SET sources_json = json_array(json_object('analyzer', analyzer, 'ruleId', rule_id));
  `,
  // 3: whether a sample's code parses (syntax errors the parser recovered from; NULL: not parsed).
  `
  ALTER TABLE samples ADD COLUMN syntax_errors INTEGER CHECK (syntax_errors >= 0);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Bring the database up to SCHEMA_VERSION, each step in its own transaction; returns the versions crossed. */
export function migrate(db: Database, file: string): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) {
    throw new StoreError(`${file} has schema version ${from}, newer than this secfix understands (${SCHEMA_VERSION})`, 'upgrade secfix to open this run store');
  }
  if (from === SCHEMA_VERSION) return { from, to: from };
  // Rebuilding a table must not cascade deletes to its children: foreign keys are switched off for
  // the migration (the pragma is a no-op inside a transaction) and checked before each commit.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    for (let v = from; v < SCHEMA_VERSION; v++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[v]);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new StoreError(`${file}: migration to schema version ${v + 1} left ${broken.length} broken reference(s); nothing was changed`);
        // user_version takes no bound parameter; v is an integer we control.
        db.pragma(`user_version = ${v + 1}`);
      })();
    }
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
  return { from, to: SCHEMA_VERSION };
}
