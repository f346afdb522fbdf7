/** What a rule sees while it checks one file, and how it reports. */
import type { Confidence, Finding, Language } from '../core/types.ts';
import type { CallSite, FileModel, SinkKind } from '../analysis/model.ts';
import { TaintEngine, type TaintResult } from '../analysis/taint.ts';
import type { SyntaxNode } from '../languages/syntax.ts';
import type { Rule } from './rule.ts';
import type { FixSuggestion } from '../fix/edits.ts';

export interface ReportOptions {
  message: string;
  confidence?: Confidence;
  /** Narrower or extra CWE ids for this occurrence; defaults to the rule's. */
  cwe?: string[];
  /** A mechanical fix for this occurrence, when a safe rewrite exists (see src/fix/edits.ts). */
  fix?: FixSuggestion;
}

/** A finding before the scanner adds severity, level, snippet and fingerprint. */
export interface RawFinding {
  rule: Rule;
  node: SyntaxNode;
  message: string;
  confidence: Confidence;
  cwe: string[];
  fix?: FixSuggestion;
}

/** Per-file state shared by all rules: the model, the taint engine and a call index. */
export class FileAnalysis {
  readonly taint: TaintEngine;
  /** Results of `RuleContext.calls` by pattern list; treat them as read-only. */
  readonly callCache = new Map<string, CallSite[]>();
  /** Per-file results that several rules share (see `RuleContext.shared`). */
  readonly sharedCache = new Map<string, unknown>();
  private byName?: Map<string, CallSite[]>;

  constructor(readonly model: FileModel) {
    this.taint = new TaintEngine(model);
  }

  callsNamed(name: string): CallSite[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const c of this.model.calls) {
        const list = this.byName.get(c.name);
        if (list) list.push(c);
        else this.byName.set(c.name, [c]);
        // `from x import y as z; z()`: index under the imported name too, so `x.y` patterns find it.
        const last = c.resolved ? c.callee.slice(c.callee.lastIndexOf('.') + 1) : c.name;
        if (last !== c.name && last) {
          const other = this.byName.get(last);
          if (other) other.push(c);
          else this.byName.set(last, [c]);
        }
      }
    }
    return this.byName.get(name) ?? [];
  }
}

export class RuleContext {
  readonly findings: RawFinding[] = [];

  constructor(
    readonly analysis: FileAnalysis,
    readonly rule: Rule,
  ) {}

  get model(): FileModel {
    return this.analysis.model;
  }

  get language(): Language {
    return this.model.language;
  }

  /**
   * Calls matching any pattern, in source order. A pattern is a qualified name
   * (`subprocess.run`), a method on any receiver (`*.execute`), or a prefix (`hashlib.*`).
   */
  calls(...patterns: string[]): CallSite[] {
    // Rules ask for the same sinks in every file; the answer per file is computed once.
    const key = patterns.join('\u0000');
    const cached = this.analysis.callCache.get(key);
    if (cached) return cached;
    const result = this.matchCalls(patterns);
    this.analysis.callCache.set(key, result);
    return result;
  }

  private matchCalls(patterns: string[]): CallSite[] {
    const out = new Set<CallSite>();
    for (const p of patterns) {
      if (p.startsWith('*.')) {
        for (const c of this.analysis.callsNamed(p.slice(2))) if (c.receiver) out.add(c);
      } else if (p.endsWith('.*')) {
        const prefix = p.slice(0, -1);
        for (const c of this.model.calls) if (c.resolved && c.callee.startsWith(prefix)) out.add(c);
      } else {
        const name = p.slice(p.lastIndexOf('.') + 1);
        for (const c of this.analysis.callsNamed(name)) if (c.callee === p) out.add(c);
      }
    }
    return [...out].sort((a, b) => a.node.startIndex - b.node.startIndex);
  }

  /**
   * A per-file value computed once and shared by every rule that asks with the same key, e.g. the
   * regex literals of a file that the ReDoS and permissive-regex rules both inspect.
   */
  shared<T>(key: string, compute: () => T): T {
    const cache = this.analysis.sharedCache;
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  }

  /**
   * Every node of the given types in the file, in source order. The file is indexed by node type
   * once, so a rule that looks at a few kinds of node does not walk the whole tree again.
   */
  nodes(...types: string[]): SyntaxNode[] {
    const index = this.shared('nodes-by-type', () => {
      const map = new Map<string, SyntaxNode[]>();
      this.model.tree.root.walk((n) => {
        const list = map.get(n.type);
        if (list) list.push(n);
        else map.set(n.type, [n]);
      });
      return map;
    });
    if (types.length === 1) return index.get(types[0]) ?? [];
    const out: SyntaxNode[] = [];
    for (const t of types) {
      const list = index.get(t);
      if (list) out.push(...list);
    }
    return out.sort((a, b) => a.startIndex - b.startIndex);
  }

  /** Every identifier node named `name` in the file, in source order (indexed once per file). */
  identifiers(name: string): SyntaxNode[] {
    const index = this.shared('identifiers', () => {
      const map = new Map<string, SyntaxNode[]>();
      for (const n of this.nodes('identifier')) {
        const t = n.text;
        const list = map.get(t);
        if (list) list.push(n);
        else map.set(t, [n]);
      }
      return map;
    });
    return index.get(name) ?? [];
  }

  /** Where the value of an expression can come from, for a sink of the given kind. */
  taint(node: SyntaxNode | null | undefined, sink?: SinkKind): TaintResult {
    return this.analysis.taint.evaluate(node, sink);
  }

  /** The constant value of an expression, or undefined when it is not a computable constant. */
  value(node: SyntaxNode | null | undefined): string | number | boolean | null | undefined {
    return this.analysis.taint.valueOf(node);
  }

  report(node: SyntaxNode, opts: ReportOptions): void {
    this.findings.push({
      rule: this.rule,
      node,
      message: opts.message,
      confidence: opts.confidence ?? this.rule.meta.confidence,
      cwe: opts.cwe ?? this.rule.meta.cwe,
      ...(opts.fix ? { fix: opts.fix } : {}),
    });
  }
}
