import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../shared/app-errors.ts';
import { LOCAL_BANK_PORT } from './bank-profiles.ts';

/**
 * Everything the desktop app reads from its environment, validated once when a shell starts (the
 * simulator's `config.ts` is the model). The shells read the environment only through here, and
 * hand the core what it needs; the core never reads the environment itself.
 */
export interface AppConfig {
  /**
   * BANKDEMO_BANK_ISSUER: the built-in bank (デモ信用金庫); by default the simulator on this machine
   * at http://127.0.0.1:<BANK_PORT>, the port `npm run bank` reads too (4010).
   */
  bankIssuer: string;
  /** BANK_TLS_PORT: the certificate-login port of a bank the app starts itself; default its port + 1. */
  bankTlsPort: number;
  /** BANKDEMO_DATA_DIR: where the ledger lives; undefined leaves it to the shell (see `userDataDir`). */
  dataDir: string | undefined;
  /** The OS's per-user app data folder for the app (APPDATA, XDG_DATA_HOME): the browser shell's default. */
  userDataDir: string;
  browserShell: {
    /** BANKDEMO_SHELL_PORT: the loopback port the browser shell listens on; 0 picks a free one. */
    port: number;
    /** BANKDEMO_SHELL_SECRET: the key the printed URL carries; undefined: a new one each run. */
    secret: string | undefined;
    /** BANKDEMO_OPEN_EXTERNAL_HOOK=1: URLs for the system browser are recorded for a test instead of opened. */
    recordOpenedUrls: boolean;
  };
}

const DEFAULT_SHELL_PORT = 4030;

/** Where the machine's programs are and who runs them: what the default data folder depends on. */
export interface HostFacts {
  platform: NodeJS.Platform;
  homedir: string;
}

const issuer = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'must be an http(s) URL, e.g. http://127.0.0.1:4010',
  });
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
  .transform(Number)
  .refine((value) => value <= 65535, 'must be a port number from 0 to 65535');
// It travels in the URL's `?key=` and in a cookie, and is the only thing between a page and the app.
const secret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,}$/, 'must be at least 16 characters of A-Z, a-z, 0-9, - and _');

const EnvSchema = z.object({
  BANKDEMO_BANK_ISSUER: issuer.optional(),
  // The bank's own settings (simulator/config.ts), read here so that one BANK_PORT moves both.
  BANK_PORT: port.optional(),
  BANK_TLS_PORT: port.optional(),
  BANKDEMO_DATA_DIR: z.string().min(1, 'must name a folder').optional(),
  BANKDEMO_SHELL_PORT: port.default(DEFAULT_SHELL_PORT),
  BANKDEMO_SHELL_SECRET: secret.optional(),
  BANKDEMO_OPEN_EXTERNAL_HOOK: z.enum(['0', '1'], 'must be 1 (record) or 0 (open)').default('0'),
  // The XDG rule: unset or empty means the default.
  APPDATA: z.string().optional(),
  XDG_DATA_HOME: z.string().optional(),
});

/** The OS's per-user app data folder: ~/Library/Application Support, %APPDATA%, $XDG_DATA_HOME (~/.local/share). */
function userDataDirOf(env: z.infer<typeof EnvSchema>, host: HostFacts): string {
  if (host.platform === 'darwin')
    return path.join(host.homedir, 'Library', 'Application Support', 'bankdemo');
  if (host.platform === 'win32') return path.join(env.APPDATA || host.homedir, 'bankdemo');
  return path.join(env.XDG_DATA_HOME || path.join(host.homedir, '.local', 'share'), 'bankdemo');
}

/**
 * Reads the app's settings from `env`; a bad value is a CONFIG_INVALID error whose message names
 * every bad variable on one line, so a shell can refuse to start with it.
 */
export function parseAppConfig(
  env: Record<string, string | undefined>,
  host: HostFacts = { platform: process.platform, homedir: os.homedir() },
): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      // The value helps find a typo; a secret's value is not repeated on the terminal.
      const shown = name === 'BANKDEMO_SHELL_SECRET' ? '' : ` (it is ${JSON.stringify(env[name])})`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new AppError('CONFIG_INVALID', `Invalid app settings: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const bankIssuer = e.BANKDEMO_BANK_ISSUER ?? `http://127.0.0.1:${e.BANK_PORT ?? LOCAL_BANK_PORT}`;
  const issuerPort = Number(new URL(bankIssuer).port || (bankIssuer.startsWith('https:') ? 443 : 80));
  // Two settings that name different banks: say so rather than link to the one and start the other.
  if (e.BANKDEMO_BANK_ISSUER && e.BANK_PORT !== undefined && e.BANK_PORT !== issuerPort)
    throw new AppError(
      'CONFIG_INVALID',
      `Invalid app settings: BANK_PORT ${e.BANK_PORT} and BANKDEMO_BANK_ISSUER ${bankIssuer} name different banks; set one of them`,
    );
  return {
    bankIssuer,
    bankTlsPort: e.BANK_TLS_PORT ?? issuerPort + 1,
    dataDir: e.BANKDEMO_DATA_DIR,
    userDataDir: userDataDirOf(e, host),
    browserShell: {
      port: e.BANKDEMO_SHELL_PORT,
      secret: e.BANKDEMO_SHELL_SECRET,
      recordOpenedUrls: e.BANKDEMO_OPEN_EXTERNAL_HOOK === '1',
    },
  };
}

/** The app's settings from this process's environment: what each shell calls once at start. */
export function loadAppConfig(): AppConfig {
  return parseAppConfig(process.env);
}

/**
 * The environment for a program the app starts (the built-in bank): this process's own, plus
 * `extra`. The one other place the environment is touched, and only to pass it on.
 */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
