/** Renders a vega-lite spec to a self-contained SVG string, offline, in Node. */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { ChartError } from './errors.ts';
import { addHoverTitles, labelRoot, renumberIds, shortHash } from './svg.ts';

/**
 * Shared look of every chart. Without node-canvas vega estimates a text's width as 0.8 em per
 * character, which overestimates sans-serif text: layout therefore leaves room to spare, and the
 * label limits are switched off so that the estimate never truncates a long model or CWE name.
 */
export const CHART_CONFIG = {
  font: 'sans-serif',
  background: 'white',
  padding: 8,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0, titleLimit: 0, labelColor: '#222', titleColor: '#222' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0, titleLimit: 0 },
  title: { fontSize: 14, anchor: 'start', limit: 0, color: '#111' },
  text: { font: 'sans-serif' },
} as const;

// Charts carry their data inline; a loader that refuses every URL keeps a stray `url` from reaching the network or the disk.
function offlineLoader() {
  const loader = vega.loader();
  loader.sanitize = (uri: string) => Promise.reject(new ChartError(`charts load nothing, but the spec asks for ${uri}`));
  return loader;
}

/** vega-lite's compile, with its warnings returned instead of printed (only the CLI prints). */
export function compileQuietly(spec: TopLevelSpec): { spec: ReturnType<typeof compile>['spec']; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...args: unknown[]) => void warnings.push(args.map(String).join(' ')),
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => void warnings.push(args.map(String).join(' ')),
  };
  return { spec: compile(spec, { logger: logger as never }).spec, warnings };
}

/** What a rendered chart is called, for its `<title>` and screen readers. */
export interface ChartLabel {
  title: string;
  description: string;
}

/** Compiles and renders a spec; the same spec always gives byte-identical SVG. */
export async function renderSpec(spec: TopLevelSpec, label: ChartLabel): Promise<string> {
  const compiled = compileQuietly(spec).spec;
  // 'none' draws no canvas; the SVG string comes from the scenegraph alone.
  // Vega reports a failed load only as a warning and draws on; here it fails the chart instead.
  let failure: unknown;
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => void (failure ??= args.find((a) => a instanceof Error) ?? args.join(' ')),
    warn: (...args: unknown[]) => void (/failed/i.test(String(args[0])) && (failure ??= args.find((a) => a instanceof Error) ?? args.join(' '))),
    info: () => logger,
    debug: () => logger,
  };
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: offlineLoader(), logger: logger as never });
  try {
    const raw = await view.toSVG();
    if (failure) throw failure instanceof ChartError ? failure : new ChartError(`chart did not render: ${String(failure)}`);
    const withIds = renumberIds(raw, `sfx${shortHash(JSON.stringify(spec))}`);
    return labelRoot(addHoverTitles(withIds), label.title, label.description);
  } finally {
    view.finalize();
  }
}
