/** What every report format renders: a run's identity and its metrics. */
import type { RunRecord } from '../store/store.ts';
import type { RunData } from '../metrics/data.ts';
import { computeMetrics, type Metrics, type MetricsOptions } from '../metrics/metrics.ts';

export interface ReportInput {
  run: RunRecord;
  /** The study's name and design, from the stored configuration. */
  study: {
    name: string; mode?: string; models: string[]; strategies: string[]; languages: string[]; analyzers: string[]; profile?: string;
    /** Fine-tuned models and where they came from: "label: base + adapter, training data sha256:…". */
    fineTuned: string[];
  };
  metrics: Metrics;
  data: RunData;
}

export function reportInput(data: RunData, options: MetricsOptions = {}): ReportInput {
  const c = (data.run.config ?? {}) as Record<string, unknown>;
  const list = (x: unknown, key?: string): string[] =>
    Array.isArray(x) ? x.map((v) => (typeof v === 'string' ? v : key && v && typeof v === 'object' ? String((v as Record<string, unknown>)[key] ?? '') : '')).filter(Boolean) : [];
  return {
    run: data.run,
    study: {
      name: typeof c.name === 'string' ? c.name : data.run.id,
      ...(typeof c.mode === 'string' ? { mode: c.mode } : {}),
      models: list(c.models, 'label'),
      strategies: list(c.strategies, 'label'),
      languages: list(c.languages),
      analyzers: list(c.analyzers),
      ...(typeof c.profile === 'string' ? { profile: c.profile } : {}),
      fineTuned: (Array.isArray(c.models) ? c.models : []).flatMap((m) => {
        const ft = (m as { label?: string; fineTune?: { base: string; adapter?: string; trainingDataHash: string } }).fineTune;
        if (!ft) return [];
        return [`${(m as { label?: string }).label}: fine-tuned from ${ft.base}${ft.adapter ? ` (adapter ${ft.adapter})` : ''}, training data sha256:${ft.trainingDataHash}`];
      }),
    },
    metrics: computeMetrics(data, options),
    data,
  };
}

/** The metrics as plain JSON: every table, and each compared pair by sample ids. */
export function reportJson(input: ReportInput): unknown {
  const { changes, ...m } = input.metrics;
  return {
    run: { id: input.run.id, created: input.run.created, status: input.run.status, secfixVersion: input.run.secfixVersion },
    study: input.study,
    ...m,
    pairs: changes.map((c) => ({
      before: c.before.id, after: c.after.id, model: c.after.model, strategy: c.after.strategy, scenario: c.after.scenario,
      class: c.class, resolved: c.resolved, persisted: c.persisted, introduced: c.introduced, introducedCwes: c.introducedCwes,
    })),
  };
}
