/** Server-side charts for the reports: plain data in, a self-contained inline SVG string out. */
export { ChartError } from './errors.ts';
export { CHART_CONFIG, compileQuietly, renderSpec, type ChartLabel } from './render.ts';
export { escapeXml, noDataSvg } from './svg.ts';
export { prevalenceChart, prevalenceSpec, PrevalenceRowSchema, PREVALENCE_TITLE, type PrevalenceRow } from './prevalence.ts';
export {
  severityChangeChart,
  severityChangeSpec,
  severityChangeLabel,
  SeverityChangeRowSchema,
  SEVERITY_CHANGE_TITLE,
  type SeverityChangeRow,
} from './severity-change.ts';
export { heatmap, heatmapSpec, useLightText, HeatmapInputSchema, HeatmapCellSchema, type HeatmapInput, type HeatmapCell } from './heatmap.ts';
