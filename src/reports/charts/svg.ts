/** Small string helpers for the SVG that the chart builders return. */
import { createHash } from 'node:crypto';

/** Escapes text for XML content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
}

/** A short stable hash, used to give every chart its own id namespace inside one HTML page. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** The small SVG returned in place of a chart that has nothing to draw. */
export function noDataSvg(title: string): string {
  const label = `${title}: no data`;
  const width = Math.max(240, Math.min(960, 24 + Math.ceil(label.length * 7.5)));
  const t = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="secfix-chart secfix-chart-empty" width="${width}" height="56" viewBox="0 0 ${width} 56" role="img" aria-label="${escapeXml(label)}">` +
    `<title>${t}</title><desc>No data to chart.</desc>` +
    `<rect width="${width}" height="56" fill="white" stroke="#ddd"/>` +
    `<text x="12" y="22" font-family="sans-serif" font-size="13px" font-weight="bold" fill="#000">${t}</text>` +
    `<text x="12" y="42" font-family="sans-serif" font-size="12px" fill="#555">no data</text>` +
    `</svg>`
  );
}

/**
 * Vega numbers its gradients and clip paths from a process-wide counter, so the same chart would
 * get different ids on a second render and two charts on one page could collide. Renaming every id
 * to `<prefix>-<k>` in order of appearance makes the output depend on the input alone.
 */
export function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!ids.has(m[1])) ids.set(m[1], `${prefix}-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_all, a: string, id: string, b: string) => a + (ids.get(id) ?? id) + b)
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : all))
    .replace(/(href=")#([^"]+)(")/g, (all, a: string, id: string, b: string) => (ids.has(id) ? `${a}#${ids.get(id)}${b}` : all));
}

/**
 * Vega writes a mark's description only as `aria-label`, which browsers do not show on hover.
 * Adding the same text as an SVG `<title>` child gives a tooltip without JavaScript.
 */
export function addHoverTitles(svg: string): string {
  return svg.replace(/<(path|rect)\b([^<>]*?)\/>/g, (all, tag: string, attrs: string) => {
    if (!/\srole="graphics-symbol"/.test(attrs)) return all;
    const label = /\saria-label="([^"]*)"/.exec(attrs);
    if (!label) return all;
    // The attribute value is already escaped by vega and stays valid as element text.
    return `<${tag}${attrs}><title>${label[1]}</title></${tag}>`;
  });
}

/** Gives the root element an accessible name, a title and a class that reports can style. */
export function labelRoot(svg: string, title: string, description: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('vega returned no <svg> root');
  const root = open[0]
    .replace(/\sclass="marks"/, ' class="marks secfix-chart"')
    .replace(/>$/, ` role="img" aria-label="${escapeXml(`${title}. ${description}`)}">`);
  return `${root}<title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>${svg.slice(open[0].length)}`;
}
