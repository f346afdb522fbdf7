/**
 * Opens an HTML file in Debian's headless Chromium: the rendered DOM, a PNG screenshot, and the
 * external references that would make a report less than self-contained.
 *
 * How "nothing failed to load" is checked: a report is one file that needs no network and no
 * JavaScript, so every load it could start is written in its markup (src, href, srcset, poster,
 * data, action, CSS url() and @import, meta refresh). `externalReferences` lists each one that is
 * not an in-page `#fragment` or a `data:` URI, in the source and again in the DOM Chromium built
 * from it; a self-contained report has none, so nothing can fail to load. Chromium's own log was
 * rejected as the check: at --v=0 it does not mention failed subresource loads at all, and at --v=1
 * they appear only among some ten thousand internal loader lines whose wording changes between
 * releases. The log is still returned, for a failing test to show.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { skipUnlessInstalled } from './cli.ts';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome'];

/** The first Chromium-like browser on PATH, or null. */
export function findChromium(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of NAMES) {
      const file = path.join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** A test's skip reason when no Chromium is installed; under CI nothing is skipped. */
export function skipUnlessChromium(): string | false {
  return skipUnlessInstalled(findChromium() !== null, 'chromium');
}

export interface ChromiumResult {
  /** The DOM after load, serialised by --dump-dom. */
  dom: string;
  /** Chromium's stderr (logging), for diagnostics. */
  log: string;
  /** Where the screenshot was written, when one was asked for. */
  screenshot?: string;
}

export interface ChromiumOptions {
  /** Write a PNG of the page (1280 × 2000 window) to this path. */
  screenshot?: string;
  /** Virtual time given to the page to settle, in ms; 5000 unless given. */
  virtualTimeBudget?: number;
  /** Give up after this many ms of real time; 120000 unless given. */
  timeout?: number;
}

/** Runs Chromium headless on one local HTML file; throws when it cannot run or prints no DOM. */
export function openInChromium(htmlFile: string, opts: ChromiumOptions = {}): ChromiumResult {
  const browser = findChromium();
  if (!browser) throw new Error('no chromium on PATH (apt-get install chromium)');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'secfix-chromium-'));
  try {
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--hide-scrollbars',
      // No name resolves, so a page (or Chromium itself) can reach no host: tests stay on this machine.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--user-data-dir=${profile}`,
      `--virtual-time-budget=${opts.virtualTimeBudget ?? 5000}`,
      '--enable-logging=stderr',
      '--v=0',
      '--dump-dom',
    ];
    if (opts.screenshot) args.push(`--screenshot=${path.resolve(opts.screenshot)}`, '--window-size=1280,2000');
    args.push(pathToFileURL(path.resolve(htmlFile)).href);
    const r = spawnSync(browser, args, { encoding: 'utf8', timeout: opts.timeout ?? 120_000, maxBuffer: 256 * 1024 * 1024 });
    if (r.error) throw new Error(`chromium did not run: ${r.error.message}`);
    if (r.status !== 0 || !r.stdout.includes('<html')) {
      throw new Error(`chromium exited ${r.status} without a DOM:\n${r.stderr.slice(-4000)}`);
    }
    return { dom: r.stdout, log: r.stderr, ...(opts.screenshot ? { screenshot: path.resolve(opts.screenshot) } : {}) };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

// Attributes that make a browser fetch something, or navigate when followed.
const URL_ATTRIBUTES = /\s(src|href|xlink:href|srcset|poster|data|action|formaction|background|longdesc|ping|manifest|codebase|cite)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+))/gi;
const TAG = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const STYLE_ATTRIBUTE = /\sstyle\s*=\s*("([^"]*)"|'([^']*)')/gi;
const STYLE_ELEMENT = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi;
const CSS_IMPORT = /@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi;

function isInPage(url: string): boolean {
  const u = decodeEntities(url).trim();
  return u === '' || u.startsWith('#') || /^data:/i.test(u);
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|quot|apos|lt|gt|#39);/g, (_m, e: string) => ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'" })[e] ?? _m);
}

// A srcset candidate is a URL (which may itself hold commas, as data: URIs do) and descriptors up to a comma.
function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i])) i++;
    let j = i;
    while (j < srcset.length && !/\s/.test(srcset[j])) j++;
    const url = srcset.slice(i, j).replace(/,+$/, '');
    if (url) urls.push(url);
    if (srcset.slice(i, j).endsWith(',')) {
      i = j;
      continue;
    }
    const comma = srcset.indexOf(',', j);
    i = comma === -1 ? srcset.length : comma + 1;
  }
  return urls;
}

function cssReferences(css: string, found: string[]): void {
  for (const m of css.matchAll(CSS_URL)) {
    const value = m[1] ?? m[2] ?? m[3] ?? '';
    if (!isInPage(value)) found.push(`url(${value})`);
  }
  for (const m of css.matchAll(CSS_IMPORT)) found.push(`@import ${m[1]}`);
}

/**
 * Every reference in an HTML document that points outside it (http(s), file, relative paths,
 * protocol-relative URLs…), as `attribute=value`, `url(value)`, `@import value` or `meta refresh`
 * strings in document order. Only markup is read: tags, their attributes and `<style>` blocks, so
 * code shown as escaped text (`img.src = "http://…"` in a sample) is not mistaken for a load. XML
 * namespace declarations (`xmlns="http://www.w3.org/2000/svg"`) are names, not loads.
 */
export function externalReferences(html: string): string[] {
  const found: string[] = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of withoutComments.matchAll(TAG)) {
    const attrs = tag[2];
    for (const m of attrs.matchAll(URL_ATTRIBUTES)) {
      const attr = m[1].toLowerCase();
      const value = m[3] ?? m[4] ?? m[5] ?? '';
      const urls = attr === 'srcset' ? srcsetUrls(value) : [value];
      for (const url of urls) if (!isInPage(url)) found.push(`${attr}=${url}`);
    }
    for (const m of attrs.matchAll(STYLE_ATTRIBUTE)) cssReferences(decodeEntities(m[2] ?? m[3] ?? ''), found);
    if (tag[1].toLowerCase() === 'meta' && /http-equiv\s*=\s*["']?refresh/i.test(attrs)) found.push('meta refresh');
  }
  for (const m of withoutComments.matchAll(STYLE_ELEMENT)) cssReferences(m[1], found);
  return found;
}
