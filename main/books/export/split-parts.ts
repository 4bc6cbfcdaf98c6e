import type { FileLimit } from './file-limits.ts';

/**
 * Splits an export's lines into files that each fit a vendor's limit. Pure. Whole months stay
 * together while they fit (a file of April–June, then one of July–September); a month larger than
 * a file is split at day boundaries, and only a day larger than a file between its lines.
 */

export interface SizedLine {
  date: string;
  bytes: number;
  /** The file lines it takes (a compound entry's rows stay together); 1 when absent. */
  rows?: number;
}

const rowsOf = (group: readonly SizedLine[]) => group.reduce((n, l) => n + (l.rows ?? 1), 0);

export function splitParts<L extends SizedLine>(
  lines: readonly L[],
  headerBytes: number,
  limit: FileLimit | undefined,
): L[][] {
  const steps = splitPartsInSteps(lines, headerBytes, limit);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** splitParts a month per step, for a caller that answers other calls between steps (an export's last step). */
export function* splitPartsInSteps<L extends SizedLine>(
  lines: readonly L[],
  headerBytes: number,
  limit: FileLimit | undefined,
): Generator<void, L[][]> {
  const total = lines.reduce((sum, l) => sum + l.bytes, headerBytes);
  if (!limit || (total <= limit.bytes && rowsOf(lines) <= (limit.lines ?? Infinity))) return [[...lines]];
  const maxLines = limit.lines ?? Infinity;
  const parts: L[][] = [];
  let current: L[] = [];
  let bytes = headerBytes;
  let currentRows = 0;
  const sum = (group: readonly L[]) => group.reduce((s, l) => s + l.bytes, 0);
  const fitsCurrent = (b: number, n: number) => bytes + b <= limit.bytes && currentRows + n <= maxLines;
  const fitsAlone = (b: number, n: number) => headerBytes + b <= limit.bytes && n <= maxLines;
  const flush = () => {
    if (current.length > 0) parts.push(current);
    current = [];
    bytes = headerBytes;
    currentRows = 0;
  };
  const add = (group: readonly L[], b: number) => {
    current.push(...group);
    bytes += b;
    currentRows += rowsOf(group);
  };
  const place = (group: readonly L[], finer: ((l: L) => string) | undefined, next?: (l: L) => string) => {
    const b = sum(group);
    if (fitsCurrent(b, rowsOf(group))) return add(group, b);
    if (fitsAlone(b, rowsOf(group)) || !finer) {
      flush();
      return add(group, b);
    }
    for (const sub of groupBy(group, finer)) place(sub, next);
  };
  const byMonth = (l: L) => l.date.slice(0, 7);
  const byDay = (l: L) => l.date;
  const byLine = (() => {
    let n = 0;
    return () => String(n++);
  })();
  for (const month of groupBy(lines, byMonth)) {
    place(month, byDay, byLine);
    yield;
  }
  flush();
  return parts;
}

function groupBy<L>(lines: readonly L[], key: (l: L) => string): L[][] {
  const groups: L[][] = [];
  let last: string | undefined;
  for (const line of lines) {
    const k = key(line);
    if (k !== last || groups.length === 0) groups.push([]);
    groups.at(-1)!.push(line);
    last = k;
  }
  return groups;
}
