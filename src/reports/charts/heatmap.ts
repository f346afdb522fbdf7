/** A generic heatmap with the value printed in each cell: CWE co-occurrence, CWE transitions, per-CWE fix rates. */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import { ChartError } from './errors.ts';
import { num } from './format.ts';
import { CHART_CONFIG, renderSpec } from './render.ts';
import { noDataSvg } from './svg.ts';

export const HeatmapCellSchema = z.object({
  row: z.string(),
  column: z.string(),
  value: z.number().finite(),
  /** Text printed in the cell instead of the value, e.g. "3/7". */
  label: z.string().optional(),
});
export const HeatmapInputSchema = z.object({
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(HeatmapCellSchema),
  title: z.string(),
  valueTitle: z.string(),
  /** A vega colour scheme name; 'blues' unless given. */
  colorScheme: z.string().optional(),
  /** Axis titles; none unless given. */
  rowTitle: z.string().optional(),
  columnTitle: z.string().optional(),
});
export type HeatmapCell = z.infer<typeof HeatmapCellSchema>;
export type HeatmapInput = z.infer<typeof HeatmapInputSchema>;

// Schemes dark at both ends, where text must turn white away from the middle, not at the top.
const DIVERGING = new Set(['blueorange', 'brownbluegreen', 'purplegreen', 'pinkyellowgreen', 'purpleorange', 'redblue', 'redgrey', 'redyellowblue', 'redyellowgreen', 'spectral']);
const CELL_HEIGHT = 26;

function check(input: HeatmapInput): HeatmapInput {
  const parsed = HeatmapInputSchema.safeParse(input);
  if (!parsed.success) throw new ChartError(`heatmap: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  const d = parsed.data;
  for (const [what, list] of [['row', d.rows], ['column', d.columns]] as const) {
    if (new Set(list).size !== list.length) throw new ChartError(`heatmap "${d.title}": duplicate ${what} names`);
  }
  const rows = new Set(d.rows);
  const columns = new Set(d.columns);
  const seen = new Set<string>();
  for (const c of d.cells) {
    if (!rows.has(c.row)) throw new ChartError(`heatmap "${d.title}": cell row "${c.row}" is not in rows`);
    if (!columns.has(c.column)) throw new ChartError(`heatmap "${d.title}": cell column "${c.column}" is not in columns`);
    const key = JSON.stringify([c.row, c.column]);
    if (seen.has(key)) throw new ChartError(`heatmap "${d.title}": two cells for ${c.row} × ${c.column}`);
    seen.add(key);
  }
  return d;
}

/** Whether a cell's text should be white: on the darker part of the colour scale. */
export function useLightText(value: number, min: number, max: number, scheme: string): boolean {
  const t = max === min ? 0 : (value - min) / (max - min);
  return DIVERGING.has(scheme) ? Math.abs(t - 0.5) > 0.3 : t > 0.55;
}

/** The vega-lite spec: one rect per given cell (absent cells stay blank) in the order of `rows` and `columns`. */
export function heatmapSpec(input: HeatmapInput): TopLevelSpec {
  const d = check(input);
  const scheme = d.colorScheme ?? 'blues';
  const valuesOnly = d.cells.map((c) => c.value);
  // Counts and rates start the colour scale at 0, so that a small value looks small.
  const lowest = Math.min(...valuesOnly);
  const min = lowest >= 0 ? 0 : lowest;
  const max = Math.max(...valuesOnly);
  const values = d.cells.map((c) => {
    const text = c.label ?? num(c.value);
    return {
      row: c.row,
      column: c.column,
      value: c.value,
      text,
      light: useLightText(c.value, min, max, scheme),
      description: `${c.row} × ${c.column}: ${text}`,
    };
  });
  const longestText = Math.max(1, ...values.map((v) => v.text.length));
  // Wide enough for the longest cell text at 11px, estimated at 0.65 em per character.
  const cellWidth = Math.max(34, Math.ceil(longestText * 11 * 0.65) + 12);
  const x = { field: 'column', type: 'nominal', sort: d.columns, scale: { domain: d.columns }, ...(d.columnTitle ? { title: d.columnTitle } : { title: '' }), axis: { orient: 'top', labelAngle: -45, labelAlign: 'left', domain: false, ticks: false } } as const;
  const y = { field: 'row', type: 'nominal', sort: d.rows, scale: { domain: d.rows }, ...(d.rowTitle ? { title: d.rowTitle } : { title: '' }), axis: { domain: false, ticks: false } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: d.title,
    config: CHART_CONFIG,
    width: { step: cellWidth },
    height: { step: CELL_HEIGHT },
    data: { values },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: { field: 'value', type: 'quantitative', title: d.valueTitle, scale: { scheme, domain: min === max ? [min - 1, max + 1] : [min, max] }, legend: { orient: 'right', gradientLength: Math.max(80, Math.min(240, d.rows.length * CELL_HEIGHT)) } },
          description: { field: 'description' },
        },
      },
      {
        mark: { type: 'text', baseline: 'middle', fontSize: 11, aria: false },
        encoding: { text: { field: 'text' }, color: { condition: { test: 'datum.light', value: 'white' }, value: '#111' } },
      },
    ],
  } as TopLevelSpec;
}

/** The heatmap as inline SVG; a small "no data" SVG when there are no rows, columns or cells. */
export async function heatmap(input: HeatmapInput): Promise<string> {
  if (input.rows.length === 0 || input.columns.length === 0 || input.cells.length === 0) return noDataSvg(input.title);
  const spec = heatmapSpec(input);
  return renderSpec(spec, {
    title: input.title,
    description: `Heatmap of ${input.valueTitle} over ${input.rows.length} row(s) and ${input.columns.length} column(s), ${input.cells.length} cell(s) with a value.`,
  });
}
