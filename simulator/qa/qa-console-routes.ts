import fs from 'node:fs';
import path from 'node:path';
import type Router from '@koa/router';
import { CLIENT_REGISTRY } from '../clients/client-registry.ts';
import { SEED_CUSTOMERS } from '../customers/seed-customers.ts';
import { sendPage } from '../http/send-page.ts';
import { clientCertificateFiles } from '../pki/bank-pki.ts';
import { bankFactsOf } from './bank-facts.ts';
import type { QaDeps } from './qa-deps.ts';
import { renderQaConsole } from './qa-console-page.ts';

const CONSOLE_JS = fs.readFileSync(path.join(import.meta.dirname, 'console.js'), 'utf8');
const CERTIFICATE_FILE = /^([A-Za-z0-9]{1,32})\.(p12|crt|key)$/;
const FILE_FIELD = { p12: 'p12Path', crt: 'certPath', key: 'keyPath' } as const;

export interface QaConsoleDeps extends QaDeps {
  dataDir: string;
}

/** GET /qa (the console), its script, and the certificate downloads. Behind the loopback guard. */
export function addQaConsoleRoutes(router: Router, deps: QaConsoleDeps): void {
  const { customers, links, faults, audit } = deps;
  router.get('/qa', async (ctx) => {
    const loginIds = new Map((await customers.list()).map((c) => [c.id, c.loginId]));
    sendPage(
      ctx,
      200,
      renderQaConsole({
        issuer: deps.issuer,
        bank: bankFactsOf(deps.config, deps.issuer),
        users: await Promise.all(
          (await customers.list()).map(async (customer) => ({
            customer,
            seed: SEED_CUSTOMERS.find((s) => s.loginId === customer.loginId),
            accountIds: (await customers.accountsOf(customer.id)).map((a) => a.id),
          })),
        ),
        clients: CLIENT_REGISTRY,
        links: await links.list(),
        loginIdOf: (id) => loginIds.get(id) ?? id,
        faults: await faults.pending(),
        maintenance: await faults.maintenance(),
        audit: await audit.recent(100),
      }),
    );
  });

  router.get('/qa/console.js', async (ctx) => {
    ctx.type = 'text/javascript';
    ctx.body = CONSOLE_JS;
  });

  router.get('/qa/certificates/:file', async (ctx) => {
    const file = ctx.params.file!;
    const match = CERTIFICATE_FILE.exec(file);
    const loginId = match?.[1];
    const isCertificateUser =
      loginId !== undefined && (await customers.findByLogin('corporate', loginId))?.certificateLogin;
    const onDisk =
      file === 'ca.crt'
        ? path.join(deps.dataDir, 'pki', 'ca.crt')
        : isCertificateUser
          ? clientCertificateFiles(deps.dataDir, loginId)[FILE_FIELD[match![2] as keyof typeof FILE_FIELD]]
          : undefined;
    if (!onDisk || !fs.existsSync(onDisk)) {
      ctx.status = 404;
      ctx.body = { errorCode: 'NOT_FOUND', errorMessage: 'no such certificate' };
      return;
    }
    ctx.type = file.endsWith('.p12') ? 'application/x-pkcs12' : 'application/x-pem-file';
    ctx.attachment(file);
    ctx.body = fs.readFileSync(onDisk);
  });
}
