/** Reading the root element of a rendered chart. */

/** The width and height attributes of the root <svg>. */
export function rootSize(svg: string): { width: number; height: number } {
  const m = /^<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('no sized <svg> root');
  return { width: Number(m[1]), height: Number(m[2]) };
}
