import { CLIENT_P12_PASSWORD, clientCertificateFiles } from './pki/bank-pki.ts';
import { GMO_BASE_PATHS } from './api/gmo/gmo-schema.ts';
import { startBank } from './bank-server.ts';
import { loadBankConfig } from './config.ts';
import { SEED_CUSTOMERS } from './customers/seed-customers.ts';

/** `npm run bank`: runs the bank (デモ信用金庫 unless BANK_NAME says otherwise) in the foreground and says where everything is. */
async function main(): Promise<void> {
  const bank = await startBank(loadBankConfig());
  const { issuer, tlsOrigin, config } = bank;
  const users = SEED_CUSTOMERS.map((c) => {
    const second = c.totpSecret
      ? `TOTP secret ${c.totpSecret}`
      : c.certificateLogin
        ? `certificate ${clientCertificateFiles(config.dataDir, c.loginId).p12Path}`
        : '—';
    const how = c.passwordLogin ? c.password : `(certificate only; password ${c.password})`;
    return `  ${c.loginId.padEnd(11)} ${c.channel.padEnd(10)} ${how.padEnd(12)} ${second}${c.startsLocked ? '  [starts locked]' : ''}`;
  });
  console.log(
    [
      `${config.bank.name} (${config.bank.nameEn}, bank code ${config.bank.code}) is running`,
      `  issuer / pages         ${issuer}   (discovery: ${issuer}/.well-known/openid-configuration)`,
      config.apiDialect === 'gmo-aozora'
        ? `  API (GMO Aozora dialect, x-access-token)  ${issuer}${GMO_BASE_PATHS.corporate}  ${issuer}${GMO_BASE_PATHS.personal}`
        : `  API                    ${issuer}/api/v1`,
      `  certificate login      ${tlsOrigin}`,
      `  partners / terms       ${issuer}/partners   ${issuer}/terms`,
      `  QA console             ${issuer}/qa   (its JSON twin: ${issuer}/qa/api/*; this machine only)`,
      `  partner demo           ${issuer}/partner-demo   (walk the flow as a partner; this machine only)`,
      `  data                   ${config.dataDir}`,
      '',
      'Test users (IDs and passwords are case-sensitive; .p12 password: ' + CLIENT_P12_PASSWORD + '):',
      ...users,
      '',
      'Ctrl+C stops the bank; links and tokens persist in the data folder.',
    ].join('\n'),
  );
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
