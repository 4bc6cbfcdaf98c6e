import fs from 'node:fs';
import path from 'node:path';
import { redactValue } from './redact.ts';

type LogLevel = 'info' | 'warn' | 'error';

export interface LogSink {
  /** The file the lines go to, or undefined while only stderr hears them. */
  readonly file: string | undefined;
  write(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

export interface FileLogOptions {
  file: string;
  /** The file is rotated before it would pass this size: bankdemo.log → .1 → .2 …; 1 MB. */
  maxBytes?: number;
  /** How many rotated files are kept beside the current one; 3. */
  keep?: number;
  /** Also echo errors (bugs, not coded errors) on stderr, a developer's terminal; true. */
  echo?: boolean;
}

/**
 * JSON lines in a file of the app's data folder, rotated by size, every value redacted (no token,
 * code or secret: see redact.ts). Written synchronously: a log line must survive the crash it
 * tells of, and the core logs events, not rows.
 */
export function fileLogSink(options: FileLogOptions): LogSink {
  const maxBytes = options.maxBytes ?? 1_000_000;
  const keep = options.keep ?? 3;
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  let size = fs.statSync(options.file, { throwIfNoEntry: false })?.size ?? 0;

  const rotate = () => {
    fs.rmSync(`${options.file}.${keep}`, { force: true });
    for (let n = keep - 1; n >= 1; n -= 1)
      if (fs.existsSync(`${options.file}.${n}`))
        fs.renameSync(`${options.file}.${n}`, `${options.file}.${n + 1}`);
    if (fs.existsSync(options.file)) fs.renameSync(options.file, `${options.file}.1`);
    size = 0;
  };

  return {
    file: options.file,
    write(level, event, fields) {
      const line = formatLine(level, event, fields);
      if (options.echo !== false && level === 'error') process.stderr.write(line);
      const bytes = Buffer.byteLength(line);
      try {
        if (size > 0 && size + bytes > maxBytes) rotate();
        fs.appendFileSync(options.file, line, { mode: 0o600 });
        size += bytes;
      } catch {
        // A full disk or a removed folder must not take the app down with it: stderr still has it.
      }
    },
  };
}

/** Before a data folder is known (and in tests that open none): stderr only. */
const stderrSink: LogSink = {
  file: undefined,
  write(level, event, fields) {
    if (level === 'error') process.stderr.write(formatLine(level, event, fields));
  },
};

function formatLine(level: LogLevel, event: string, fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, event, ...(redactValue(fields) as object) })}\n`;
}

let sink: LogSink = stderrSink;

/**
 * The core's one logger. `event` names what happened (`sync.account-failed`); fields carry the
 * rest, redacted on the way out. The shells' core opens the file with useLogFile.
 */
export const log = {
  info: (event: string, fields?: Record<string, unknown>) => sink.write('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => sink.write('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => sink.write('error', event, fields),
  /** Where the lines go now (the 設定 screen shows it). */
  file: (): string | undefined => sink.file,
};

/** Sends the core's log to `file` from now on (the data folder's logs/bankdemo.log). */
export function useLogFile(options: FileLogOptions): void {
  sink = fileLogSink(options);
}

/** The log file's place in a data folder. */
export const logFileIn = (dataDir: string) => path.join(dataDir, 'logs', 'bankdemo.log');
