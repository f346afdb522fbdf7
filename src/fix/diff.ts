/**
 * Unified diffs of a file before and after its fixes, as `git diff` prints them: Myers' O(ND)
 * line diff, hunks with three lines of context, `\ No newline at end of file` where it applies.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The edit script from `a` to `b` (Myers 1986, greedy forward search with a trace). */
function script(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v: Int32Array = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    if (found) trace.push(v.slice());
  }
  // walk the trace back from (n, m)
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[--x]! }), y--;
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ kind: ' ', line: a[--x]! }), y--;
  return ops.reverse();
}

/** A unified diff of `before` → `after` for `file`; empty when they are equal. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = script(a, b);
  const out = [`--- a/${file}`, `+++ b/${file}`];
  // positions: index into ops of each change, grouped into hunks with `context` lines around
  let i = 0;
  let aLine = 0;
  let bLine = 0;
  const lineNos: Array<{ a: number; b: number }> = [];
  for (const op of ops) {
    lineNos.push({ a: aLine, b: bLine });
    if (op.kind !== '+') aLine++;
    if (op.kind !== '-') bLine++;
  }
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') i++;
    if (i >= ops.length) break;
    let start = Math.max(0, i - context);
    let end = i;
    // extend while the next change is within 2 × context of the last one
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const aStart = lineNos[start]!.a;
    const bStart = lineNos[start]!.b;
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aCount ? aStart + 1 : aStart},${aCount} +${bCount ? bStart + 1 : bStart},${bCount} @@`);
    for (let j = start; j < end; j++) {
      const op = ops[j]!;
      out.push(`${op.kind}${op.line}`);
      const isLastA = op.kind !== '+' && lineNos[j]!.a === a.length - 1 && !before.endsWith('\n') && before !== '';
      const isLastB = op.kind !== '-' && lineNos[j]!.b === b.length - 1 && !after.endsWith('\n') && after !== '';
      if ((op.kind === '-' && isLastA) || (op.kind === '+' && isLastB) || (op.kind === ' ' && (isLastA || isLastB))) out.push('\\ No newline at end of file');
    }
    i = end;
    start = end;
  }
  return `${out.join('\n')}\n`;
}

/** One contiguous change: lines `start`..`start + deleted − 1` (1-based) of the old text become `inserted`. */
export interface ChangeBlock {
  start: number;
  deleted: number;
  inserted: string[];
}

/** The changes from `before` to `after` as line blocks (for SARIF replacements). */
export function changeBlocks(before: string, after: string): ChangeBlock[] {
  const ops = script(splitLines(before), splitLines(after));
  const out: ChangeBlock[] = [];
  let aLine = 1;
  let cur: ChangeBlock | undefined;
  for (const op of ops) {
    if (op.kind === ' ') {
      cur = undefined;
      aLine++;
      continue;
    }
    if (!cur) out.push((cur = { start: aLine, deleted: 0, inserted: [] }));
    if (op.kind === '-') {
      cur.deleted++;
      aLine++;
    } else cur.inserted.push(op.line);
  }
  return out;
}
