import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The documentation as a newcomer meets it: a short README that leads to one page per reader in
 * docs/, links that lead somewhere, and a layout that names every folder there is.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The repository's files as git sees them (tracked, and new ones not ignored), that still exist. */
function repoFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return listed
    .split('\0')
    .filter((file) => file !== '' && fs.existsSync(path.join(ROOT, file)))
    .sort();
}

const FILES = repoFiles();
const MARKDOWN = FILES.filter((file) => file.endsWith('.md'));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The text outside fenced code blocks: links and headings there are not Markdown. */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split('\n').filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** The anchors GitHub gives a file's headings (github-slugger's rule, numbered when repeated). */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const plain = heading[1]!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, '');
    const base = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every inline link and image target of a Markdown file, code spans left out; a link's text may wrap. */
function linkTargets(text: string): string[] {
  const prose = proseLines(text)
    .map((line) => line.replace(/`[^`]*`/g, ''))
    .join('\n');
  return [...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
}

/** What is wrong with one link from `file`, or undefined when it leads to a file (and heading) that exists. */
function brokenLink(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // http(s), mailto: not ours to check
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  const resolved =
    pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
  const absolute = path.join(ROOT, resolved);
  if (!fs.existsSync(absolute)) return `${file}: ${target} — ${resolved} does not exist`;
  if (anchor !== undefined && resolved.endsWith('.md')) {
    const anchors = headingAnchors(fs.readFileSync(absolute, 'utf8'));
    if (!anchors.has(decodeURIComponent(anchor)))
      return `${file}: ${target} — ${resolved} has no heading #${anchor}`;
  }
  return undefined;
}

/** The folders the architecture page's layout block names, as paths from the root. */
function layoutFolders(text: string): { folders: string[]; problems: string[] } {
  const section = text.slice(text.indexOf('## Project layout'));
  const block = /```\n([\s\S]*?)\n```/.exec(section);
  if (!block)
    return { folders: [], problems: ['docs/architecture.md has no layout block under ## Project layout'] };
  const folders: string[] = [];
  const problems: string[] = [];
  const parents: string[] = [];
  for (const line of block[1]!.split('\n')) {
    const entry = /^( *)(\S+)/.exec(line);
    if (!entry || !entry[2]!.endsWith('/')) continue; // a file, or a description carried over
    const depth = entry[1]!.length / 2;
    if (!Number.isInteger(depth) || depth > parents.length) {
      problems.push(`layout line "${line.trim()}" is not indented two spaces under its parent`);
      continue;
    }
    parents.length = depth;
    parents.push(entry[2]!.slice(0, -1));
    folders.push(parents.join('/'));
  }
  return { folders, problems };
}

describe('the README and docs/', () => {
  it('keep the README a front door of at most 250 lines', () => {
    const text = read('README.md');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    expect(lines).toBeLessThanOrEqual(250);
  });

  it('link every page of docs/ from the README', () => {
    const linked = new Set(
      linkTargets(read('README.md')).map((target) => path.posix.normalize(target.split('#')[0]!)),
    );
    const pages = FILES.filter((file) => /^docs\/[^/]+\.md$/.test(file));
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('point every relative link of every Markdown file at a file that exists, and every anchor at a heading of it', () => {
    expect(MARKDOWN.length).toBeGreaterThan(0);
    const broken = MARKDOWN.flatMap((file) =>
      linkTargets(read(file))
        .map((target) => brokenLink(file, target))
        .filter((problem): problem is string => problem !== undefined),
    );
    expect(broken).toEqual([]);
  });

  it('hold no merge-conflict marker in any Markdown file', () => {
    const marked = MARKDOWN.flatMap((file) =>
      read(file)
        .split('\n')
        .map((line, index) => ({ line, at: `${file}:${index + 1}` }))
        .filter(({ line }) => /^\s*(<{7}|>{7})(\s|$)/.test(line) || /^={7}$/.test(line))
        .map(({ at }) => at),
    );
    expect(marked).toEqual([]);
  });

  it("list in the architecture page's layout every folder of the repository, and no folder that is gone", () => {
    const { folders, problems } = layoutFolders(read('docs/architecture.md'));
    const existing = new Set<string>();
    for (const file of FILES) {
      for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) existing.add(dir);
    }
    const listed = new Set(folders);
    expect(problems).toEqual([]);
    expect([...existing].filter((dir) => !listed.has(dir)).sort()).toEqual([]);
    expect(folders.filter((dir) => !existing.has(dir))).toEqual([]);
  });
});
