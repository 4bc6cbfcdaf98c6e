import cluster from 'node:cluster';
import { CLIENT_P12_PASSWORD, clientCertificateFiles } from './pki/bank-pki.ts';
import { GMO_BASE_PATHS } from './api/gmo/gmo-schema.ts';
import { reportReady, runBankCluster } from './bank-cluster.ts';
import { startBank } from './bank-server.ts';
import { loadBankConfig, type BankConfig } from './config.ts';
import { SEED_CUSTOMERS } from './customers/seed-customers.ts';

/** Where everything is, printed once the bank answers. */
function banner(issuer: string, tlsOrigin: string, config: BankConfig): string {
  const users = SEED_CUSTOMERS.map((c) => {
    const second = c.totpSecret
      ? `TOTP secret ${c.totpSecret}`
      : c.certificateLogin
        ? `certificate ${clientCertificateFiles(config.dataDir, c.loginId).p12Path}`
        : '—';
    const how = c.passwordLogin ? c.password : `(certificate only; password ${c.password})`;
    return `  ${c.loginId.padEnd(11)} ${c.channel.padEnd(10)} ${how.padEnd(12)} ${second}${c.startsLocked ? '  [starts locked]' : ''}`;
  });
  return [
    `${config.bank.name} (${config.bank.nameEn}, bank code ${config.bank.code}) is running`,
    `  issuer / pages         ${issuer}   (discovery: ${issuer}/.well-known/openid-configuration)`,
    config.apiDialect === 'gmo-aozora'
      ? `  API (GMO Aozora dialect, x-access-token)  ${issuer}${GMO_BASE_PATHS.corporate}  ${issuer}${GMO_BASE_PATHS.personal}`
      : `  API                    ${issuer}/api/v1`,
    `  certificate login      ${tlsOrigin}`,
    `  partners / terms       ${issuer}/partners   ${issuer}/terms`,
    `  QA console             ${issuer}/qa   (its JSON twin: ${issuer}/qa/api/*; this machine only)`,
    `  partner demo           ${issuer}/partner-demo   (walk the flow as a partner; this machine only)`,
    `  data                   ${config.databaseUrl ? 'PostgreSQL (BANK_DATABASE_URL); certificates in ' : ''}${config.dataDir}`,
    ...(config.workers ? [`  processes              ${config.workers} workers on ${config.host}`] : []),
    '',
    'Test users (IDs and passwords are case-sensitive; .p12 password: ' + CLIENT_P12_PASSWORD + '):',
    ...users,
    '',
    'Ctrl+C stops the bank; links and tokens persist in its database.',
  ].join('\n');
}

/** `npm run bank`: runs the bank (デモ信用金庫 unless BANK_NAME says otherwise) in the foreground and says where everything is. */
async function main(): Promise<void> {
  const config = loadBankConfig();
  if (config.workers !== undefined && cluster.isPrimary) {
    runBankCluster(config, (ready) =>
      console.log(
        banner(ready.issuer, ready.tlsOrigin, { ...config, port: ready.port, tlsPort: ready.tlsPort }),
      ),
    );
    return;
  }
  const bank = await startBank(config);
  if (cluster.isWorker) {
    reportReady({
      issuer: bank.issuer,
      tlsOrigin: bank.tlsOrigin,
      port: bank.config.port,
      tlsPort: bank.config.tlsPort,
    });
  } else {
    console.log(banner(bank.issuer, bank.tlsOrigin, bank.config));
  }
  const stop = () => {
    void bank.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The bank could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
