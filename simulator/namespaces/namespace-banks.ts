import type http from 'node:http';
import { refuseForDatabaseOutage } from '../api/api-handler.ts';
import { assembleBank, DIALECT_ROUTES, type AssembledBank, type RequestHandler } from '../assemble-bank.ts';
import type { BankConfig } from '../config.ts';
import { seedCustomers } from '../customers/customer-store.ts';
import { dropNamespaceStorage, openNamespaceStorage } from '../db/database.ts';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_BODY,
  isDatabaseUnavailable,
} from '../db/database-unavailable.ts';
import type { SqlPort } from '../db/sql-port.ts';
import { NamespaceNameSchema, type NamespaceRegistry } from './namespace-registry.ts';
import { namespaceQaGuard } from './namespace-qa-guard.ts';
import { pristineBankCopier } from './pristine-bank.ts';

/** `/ns/<name>` and what follows it; the name is checked against the registry, not trusted. */
const NAMESPACE_URL = /^\/ns\/([^/?#]*)(.*)$/;

interface OpenNamespace {
  bank: AssembledBank;
  sql: SqlPort;
}

export interface NamespaceBanksDeps {
  config: BankConfig;
  /** The root bank's storage, whose registry lists the namespaces. */
  rootSql: SqlPort;
  registry: NamespaceRegistry;
  /** The root bank's issuer (BANK_PUBLIC_URL or its own origin); a namespace's is this + `/ns/<name>`. */
  origin: string;
  tlsOrigin: string;
  caCertPem: string;
}

/**
 * The namespaces' banks in this process: each a whole bank (assembleBank) on its own storage,
 * built the first time a request reaches it and kept. The registry in the root bank's database
 * is asked on every request, so a namespace made or deleted by another bank process is served or
 * refused here at once.
 */
export function createNamespaceBanks(deps: NamespaceBanksDeps) {
  const { config, registry } = deps;
  const open = new Map<string, Promise<OpenNamespace>>();
  const pristine = pristineBankCopier(config, deps.rootSql);

  const issuerOf = (name: string): string => `${deps.origin}/ns/${name}`;

  const build = async (name: string): Promise<OpenNamespace> => {
    const basePath = `/ns/${name}`;
    const { sql } = await openNamespaceStorage(
      config.dataDir,
      config.databaseUrl,
      name,
      (config.workers ?? 1) > 1,
    );
    try {
      await seedCustomers(sql, config.bank.branches);
      const bank = await assembleBank({
        config,
        sql,
        issuer: issuerOf(name),
        tlsOrigin: `${deps.tlsOrigin}${basePath}`,
        basePath,
        caCertPem: deps.caCertPem,
        qaGuard: namespaceQaGuard(basePath, async () => (await registry.find(name))?.qaTokenSha256),
      });
      return { bank, sql };
    } catch (error) {
      await sql.close();
      throw error;
    }
  };

  const bankOf = (name: string): Promise<OpenNamespace> => {
    let bank = open.get(name);
    if (!bank) {
      bank = build(name);
      open.set(name, bank);
      // A namespace that failed to open (its database unreachable) is tried again next time.
      bank.catch(() => open.delete(name));
    }
    return bank;
  };

  const closeOne = async (name: string): Promise<void> => {
    const bank = open.get(name);
    open.delete(name);
    await bank?.then(({ sql }) => sql.close()).catch(() => undefined);
  };

  /** Serves a request to `/ns/<name>/…` with the namespace's bank, the URL seen from its base path. */
  const serve =
    (which: 'http' | 'tls') =>
    async (req: http.IncomingMessage, res: http.ServerResponse, name: string, rest: string) => {
      try {
        if (!NamespaceNameSchema.safeParse(name).success || !(await registry.find(name))) {
          // Deleted by another bank process: its storage is closed here too.
          if (open.has(name)) await closeOne(name);
          return answer(
            res,
            404,
            'NAMESPACE_NOT_FOUND',
            `名前空間 ${name} はありません。 / There is no namespace ${name}.`,
          );
        }
        const { bank } = await bankOf(name);
        // oidc-provider builds its URLs from the part of originalUrl before `url` (its mount path).
        Object.assign(req, { originalUrl: req.url, url: rest.startsWith('/') ? rest : `/${rest}` });
        bank[which](req, res);
      } catch (error) {
        // The registry or the namespace's storage out of reach: the bank's own outage answer, the
        // API's in its dialect.
        if (isDatabaseUnavailable(error)) {
          const api = DIALECT_ROUTES[config.apiDialect];
          if (which === 'http' && api.serves(rest.startsWith('/') ? rest : `/${rest}`))
            return refuseForDatabaseOutage(api, res);
          return answer(
            res,
            503,
            DATABASE_UNAVAILABLE_BODY.errorCode,
            DATABASE_UNAVAILABLE_BODY.errorMessage,
            {
              'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
            },
          );
        }
        answer(
          res,
          503,
          'SERVICE_UNAVAILABLE',
          '名前空間を開けませんでした。しばらくしてからお試しください。 / The namespace could not be opened; try again shortly.',
        );
      }
    };
  const serveHttp = serve('http');
  const serveTls = serve('tls');

  return {
    issuerOf,
    /** The handler that sends `/ns/…` to its namespace and everything else to `root`. */
    dispatch(which: 'http' | 'tls', root: RequestHandler): RequestHandler {
      return (req, res) => {
        const url = req.url ?? '/';
        // Most requests are the root bank's (its API's above all): no regular expression for them.
        const match = url.startsWith('/ns/') ? NAMESPACE_URL.exec(url) : null;
        if (!match) return root(req, res);
        void (which === 'http' ? serveHttp : serveTls)(req, res, match[1]!, match[2]!);
      };
    },

    /**
     * Makes a namespace: its registry row, then its storage seeded as the root bank's was. On any
     * failure neither is left behind. Resolves its QA token, or undefined when the name is taken.
     */
    async create(name: string): Promise<string | undefined> {
      const qaToken = await registry.add(name);
      if (!qaToken) return undefined;
      try {
        // Storage left by a namespace of this name deleted while its bank was stopped is not reused.
        await closeOne(name);
        await dropNamespaceStorage(deps.rootSql, config.dataDir, name);
        await pristine.copyTo(name);
        await bankOf(name);
        return qaToken;
      } catch (error) {
        await registry.remove(name);
        await closeOne(name);
        await dropNamespaceStorage(deps.rootSql, config.dataDir, name).catch(() => undefined);
        throw error;
      }
    },

    /** Deletes a namespace and everything in it; false when there was none. */
    async remove(name: string): Promise<boolean> {
      if (!(await registry.remove(name))) return false;
      await closeOne(name);
      await dropNamespaceStorage(deps.rootSql, config.dataDir, name);
      return true;
    },

    async sweep(): Promise<void> {
      for (const bank of open.values()) await bank.then(({ bank: b }) => b.sweep()).catch(() => undefined);
    },

    async close(): Promise<void> {
      await Promise.all([...open.keys()].map(closeOne));
      await pristine.close();
    },
  };
}

export type NamespaceBanks = ReturnType<typeof createNamespaceBanks>;

function answer(
  res: http.ServerResponse,
  status: number,
  errorCode: string,
  errorMessage: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return void res.end();
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    })
    .end(JSON.stringify({ errorCode, errorMessage }));
}
