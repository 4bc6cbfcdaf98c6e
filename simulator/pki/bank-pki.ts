import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import type { SqlPort } from '../db/sql-port.ts';

/** Password of the .p12 files handed to browsers (they refuse to import an unprotected one). */
export const CLIENT_P12_PASSWORD = 'bankdemo';

export interface ServerTlsMaterial {
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

export interface ClientCertificateFiles {
  loginId: string;
  certPath: string;
  keyPath: string;
  p12Path: string;
}

const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';
const LOGIN_ID = /^[A-Za-z0-9]{1,32}$/;
const DAY_MS = 24 * 3600 * 1000;

interface Issued {
  certPem: string;
  keyPem: string;
}

const pkiDir = (dataDir: string): string => path.join(dataDir, 'pki');

export function clientCertificateFiles(dataDir: string, loginId: string): ClientCertificateFiles {
  if (!LOGIN_ID.test(loginId)) throw new Error(`not a login id: ${JSON.stringify(loginId)}`);
  const base = path.join(pkiDir(dataDir), 'clients', loginId);
  return { loginId, certPath: `${base}.crt`, keyPath: `${base}.key`, p12Path: `${base}.p12` };
}

/** RSA keys come from Node's native generator (fast); node-forge only builds and signs certificates. */
function newKeyPair(): {
  forgeKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  keyPem: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    keyPem,
    forgeKey: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ) as forge.pki.rsa.PublicKey,
  };
}

function certificate(opts: {
  subject: forge.pki.CertificateField[];
  publicKey: forge.pki.rsa.PublicKey;
  issuer?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  selfKey?: forge.pki.rsa.PrivateKey;
  days: number;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.publicKey;
  // A positive 16-byte serial: the top bit cleared so DER does not read it as negative.
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + opts.days * DAY_MS);
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : opts.subject);
  cert.setExtensions(opts.extensions);
  cert.sign(opts.issuer?.key ?? opts.selfKey!, forge.md.sha256.create());
  return cert;
}

const subjectOf = (commonName: string, organization: string): forge.pki.CertificateField[] => [
  { shortName: 'C', value: 'JP' },
  { shortName: 'O', value: organization },
  { shortName: 'CN', value: commonName },
];

function writeFile(file: string, content: string | Buffer, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode });
}

/**
 * Where the PKI is kept. Several bank processes on one database must share one CA (a certificate
 * issued by one is checked by another), so the bank keeps it in its database (`sqlPkiStore`); the
 * files under `<dataDir>/pki/` are then copies for browsers, curl and the QA console's downloads.
 */
export interface PkiStore {
  load(name: string): Promise<string | undefined>;
  /** Keeps `value` unless another process kept one first; resolves the one kept. */
  keep(name: string, value: string): Promise<string>;
}

/** The PKI in the data folder's files only (a bank of its own, and the PKI tests). */
const filePkiStore = (dataDir: string): PkiStore => ({
  async load(name) {
    const file = path.join(pkiDir(dataDir), name);
    if (!fs.existsSync(file)) return undefined;
    // A .p12 is binary: held as base64 text, as the database holds it.
    return fs.readFileSync(file, name.endsWith('.p12') ? 'base64' : 'utf8');
  },
  async keep(name, value) {
    const file = path.join(pkiDir(dataDir), name);
    // Written only when it differs: a file a browser or curl holds is not touched without need.
    if (fs.existsSync(file) && fs.readFileSync(file, name.endsWith('.p12') ? 'base64' : 'utf8') === value) {
      return value;
    }
    if (name.endsWith('.p12')) writeFile(file, Buffer.from(value, 'base64'), 0o600);
    else writeFile(file, value, name.endsWith('.crt') ? 0o644 : 0o600);
    return value;
  },
});

function pkcs12Base64(pair: Issued, caCert: forge.pki.Certificate, loginId: string): string {
  const p12 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(pair.keyPem),
    [forge.pki.certificateFromPem(pair.certPem), caCert],
    CLIENT_P12_PASSWORD,
    { algorithm: '3des', friendlyName: loginId },
  );
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary').toString('base64');
}

/**
 * The PKI in the bank's database (`bank_secrets`, names `pki:<file>`). A data folder whose files
 * were made before this brings them in, so its CA — and the certificates browsers imported — stay.
 */
export function sqlPkiStore(sql: SqlPort, dataDir: string): PkiStore {
  const files = filePkiStore(dataDir);
  const read = async (name: string) =>
    (await sql.get<{ value: string }>('SELECT value FROM bank_secrets WHERE name = ?', [`pki:${name}`]))
      ?.value;
  return {
    async load(name) {
      const stored = (await read(name)) ?? (await files.load(name));
      // The copy on disk follows the database (another process may have issued it).
      if (stored !== undefined) await files.keep(name, stored);
      return stored;
    },
    async keep(name, value) {
      await sql.run('INSERT INTO bank_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING', [
        `pki:${name}`,
        value,
      ]);
      return files.keep(name, (await read(name))!);
    },
  };
}

async function loadOrIssue(store: PkiStore, name: string, issue: () => Issued): Promise<Issued> {
  const [certPem, keyPem] = await Promise.all([store.load(`${name}.crt`), store.load(`${name}.key`)]);
  if (certPem && keyPem) {
    // Kept again: a pair read from old files lands in the database once.
    return {
      certPem: await store.keep(`${name}.crt`, certPem),
      keyPem: await store.keep(`${name}.key`, keyPem),
    };
  }
  const issued = issue();
  // The key first: a process that loses the race for the key takes the winner's certificate too.
  const key = await store.keep(`${name}.key`, issued.keyPem);
  if (key !== issued.keyPem) {
    // Its certificate follows the key in a moment.
    for (let wait = 0; wait < 100; wait++) {
      const cert = await store.load(`${name}.crt`);
      if (cert) return { certPem: cert, keyPem: key };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`another bank process kept the key of pki/${name} but not its certificate`);
  }
  return { certPem: await store.keep(`${name}.crt`, issued.certPem), keyPem: key };
}

/**
 * Creates, once, under `<dataDir>/pki/`: the bank's local CA, the TLS certificate of the
 * certificate-login listener (SAN IP 127.0.0.1, DNS localhost), and for every login id a client
 * certificate as PEM pair and .p12. What the store holds is reused, never regenerated; with the
 * database's store every bank process on it serves the same CA and certificates.
 */
export async function ensureBankPki(
  dataDir: string,
  corporateLoginIds: readonly string[],
  /** The bank's English name, the certificates' organisation (BANK_NAME_EN). */
  organization = 'Demo Shinkin Bank',
  store: PkiStore = filePkiStore(dataDir),
): Promise<ServerTlsMaterial> {
  const ca = await loadOrIssue(store, 'ca', () => {
    const keys = newKeyPair();
    const cert = certificate({
      subject: subjectOf(`${organization} Root CA`, organization),
      publicKey: keys.publicKey,
      selfKey: keys.forgeKey,
      days: 3650,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
    });
    return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
  });
  const caSigner = {
    cert: forge.pki.certificateFromPem(ca.certPem),
    key: forge.pki.privateKeyFromPem(ca.keyPem) as forge.pki.rsa.PrivateKey,
  };

  const server = await loadOrIssue(store, 'server', () => {
    const keys = newKeyPair();
    const cert = certificate({
      subject: subjectOf('127.0.0.1', organization),
      publicKey: keys.publicKey,
      issuer: caSigner,
      days: 825,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
  });

  for (const loginId of corporateLoginIds) {
    const issued = await loadOrIssue(store, `clients/${loginId}`, () => {
      const keys = newKeyPair();
      const cert = certificate({
        subject: subjectOf(loginId, organization),
        publicKey: keys.publicKey,
        issuer: caSigner,
        days: 730,
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, critical: true },
          { name: 'extKeyUsage', clientAuth: true },
        ],
      });
      return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
    });
    // The .p12 is the pair again, for browsers; kept like the pair so every process hands out one file.
    const p12Name = `clients/${loginId}.p12`;
    const p12 = (await store.load(p12Name)) ?? pkcs12Base64(issued, caSigner.cert, loginId);
    await store.keep(p12Name, p12);
  }
  return { caCertPem: ca.certPem, serverCertPem: server.certPem, serverKeyPem: server.keyPem };
}

/**
 * The corporate login id a peer certificate stands for: issued and signed by our CA, valid now,
 * for client authentication, with the login id as its CN. Anything else is `undefined`.
 */
export function loginIdFromClientCertificate(peerCertDer: Buffer, caCertPem: string): string | undefined {
  try {
    const cert = new X509Certificate(peerCertDer);
    const ca = new X509Certificate(caCertPem);
    const now = Date.now();
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return undefined;
    if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) return undefined;
    if (!cert.keyUsage?.includes(CLIENT_AUTH_OID)) return undefined;
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
    return cn && LOGIN_ID.test(cn) ? cn : undefined;
  } catch {
    return undefined;
  }
}
