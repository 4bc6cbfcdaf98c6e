import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { assembleBank, type RequestHandler } from './assemble-bank.ts';
import type { BankConfig } from './config.ts';
import { createCustomerStore, seedCustomers } from './customers/customer-store.ts';
import { openBankStorage, type BankDatabase } from './db/database.ts';
import type { SqlPort } from './db/sql-port.ts';
import { createNamespaceBanks } from './namespaces/namespace-banks.ts';
import { createNamespaceRegistry } from './namespaces/namespace-registry.ts';
import { createNamespaceRouter } from './namespaces/namespace-routes.ts';
import { ensureBankPki, sqlPkiStore } from './pki/bank-pki.ts';
import { qaGuard, rootQaAccess } from './qa/loopback-guard.ts';

export interface RunningBank {
  issuer: string;
  tlsOrigin: string;
  config: BankConfig;
  /** The SQLite handle (tests read it); on PostgreSQL reading it throws: use `sql`. */
  db: BankDatabase;
  /** The bank's storage port, whichever the engine. */
  sql: SqlPort;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 3600 * 1000;

/** Answers 503 until `ready` is called: the ports are bound before the issuer (which names the
 * port) and so the handlers can exist, and a request in that moment must not hang. */
function handlerAfterStartup(server: http.Server): (ready: RequestHandler) => void {
  let handler: RequestHandler = (_req, res) => {
    res.writeHead(503, { 'Retry-After': '1' }).end();
  };
  server.on('request', (req, res) => handler(req, res));
  return (ready) => {
    handler = ready;
  };
}

const HEADER_OVERFLOW_BODY = JSON.stringify({
  errorCode: 'INVALID_PARAMETER',
  errorMessage: 'リクエストのヘッダーまたはURLが長すぎます。 / The request headers or URL are too large.',
});

/**
 * Node answers a request whose headers are too large with an empty 431; the bank explains it in the
 * API's JSON. Other malformed requests get what Node would send (400) once a listener is set.
 */
function answerHeaderOverflow(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = tooLarge ? HEADER_OVERFLOW_BODY : '';
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
      (tooLarge ? 'Content-Type: application/json; charset=utf-8\r\n' : '') +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The address clients on this machine use for a listen address: a wildcard (BANK_HOST=0.0.0.0) is reached at loopback. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts the bank (デモ信用金庫 unless BANK_NAME says otherwise): the HTTP listener (pages, OAuth, API, QA) and the HTTPS listener that does
 * certificate login only. Port 0 picks free ports (tests); the issuer follows the port actually bound.
 */
export async function startBank(config: BankConfig): Promise<RunningBank> {
  const { sql, sqlite } = await openBankStorage(
    config.dataDir,
    config.databaseUrl,
    (config.workers ?? 1) > 1,
  );
  await seedCustomers(sql, config.bank.branches);
  const customers = createCustomerStore(sql);
  const certificateUsers = (await customers.list()).filter((c) => c.certificateLogin).map((c) => c.loginId);
  const tls = await ensureBankPki(
    config.dataDir,
    certificateUsers,
    config.bank.nameEn,
    sqlPkiStore(sql, config.dataDir),
  );
  // Headers up to 64 KB reach the handlers, so an over-long API URL gets the API's JSON error
  // (API_MAX_URL_LENGTH); beyond that Node's parser refuses, and answerHeaderOverflow says so in JSON.
  const httpServer = http.createServer({ maxHeaderSize: 64 * 1024 });
  httpServer.on('clientError', answerHeaderOverflow);
  const tlsServer = https.createServer({
    key: tls.serverKeyPem,
    cert: tls.serverCertPem,
    ca: [tls.caCertPem],
    requestCert: true,
    // A missing or foreign certificate must reach our handler, which explains it on a page.
    rejectUnauthorized: false,
  });
  const serveHttp = handlerAfterStartup(httpServer);
  const serveTls = handlerAfterStartup(tlsServer);
  const port = await listen(httpServer, config.port, config.host);
  const tlsPort = await listen(tlsServer, config.tlsPort, config.host);
  const issuer = config.publicUrl ?? `http://${reachableHost(config.host)}:${port}`;
  const tlsOrigin = `https://${reachableHost(config.host)}:${tlsPort}`;

  const namespaceRegistry = createNamespaceRegistry(sql);
  const namespaces = createNamespaceBanks({
    config,
    rootSql: sql,
    registry: namespaceRegistry,
    origin: issuer,
    tlsOrigin,
    caCertPem: tls.caCertPem,
  });
  const root = await assembleBank({
    config,
    sql,
    issuer,
    tlsOrigin,
    basePath: '',
    caCertPem: tls.caCertPem,
    qaGuard: qaGuard(rootQaAccess(config.qaAdminToken)),
    extraRoutes: createNamespaceRouter(namespaceRegistry, namespaces),
  });
  serveHttp(namespaces.dispatch('http', root.http));
  serveTls(namespaces.dispatch('tls', root.tls));

  const sweeper = setInterval(() => {
    // A sweep that fails (the database restarting) is retried at the next one.
    void Promise.all([root.sweep(), namespaces.sweep()]).catch(() => undefined);
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    issuer,
    tlsOrigin,
    config: { ...config, port, tlsPort },
    get db(): BankDatabase {
      if (!sqlite) throw new Error('this bank runs on PostgreSQL: read its storage through `sql`');
      return sqlite;
    },
    sql,
    async close() {
      clearInterval(sweeper);
      await Promise.all([close(httpServer), close(tlsServer)]);
      await namespaces.close();
      await sql.close();
    },
  };
}
