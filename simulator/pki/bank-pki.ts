import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

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

function loadOrIssue(certPath: string, keyPath: string, issue: () => Issued): Issued {
  if (fs.existsSync(certPath) && fs.existsSync(keyPath)) {
    return { certPem: fs.readFileSync(certPath, 'utf8'), keyPem: fs.readFileSync(keyPath, 'utf8') };
  }
  const issued = issue();
  writeFile(keyPath, issued.keyPem, 0o600);
  writeFile(certPath, issued.certPem);
  return issued;
}

/**
 * Creates, once, under `<dataDir>/pki/`: the bank's local CA, the TLS certificate of the
 * certificate-login listener (SAN IP 127.0.0.1, DNS localhost), and for every login id a client
 * certificate as PEM pair and .p12. Files that exist are reused, never regenerated.
 */
export function ensureBankPki(
  dataDir: string,
  corporateLoginIds: readonly string[],
  /** The bank's English name, the certificates' organisation (BANK_NAME_EN). */
  organization = 'Demo Shinkin Bank',
): ServerTlsMaterial {
  const dir = pkiDir(dataDir);
  const ca = loadOrIssue(path.join(dir, 'ca.crt'), path.join(dir, 'ca.key'), () => {
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

  const server = loadOrIssue(path.join(dir, 'server.crt'), path.join(dir, 'server.key'), () => {
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
    const files = clientCertificateFiles(dataDir, loginId);
    const issued = loadOrIssue(files.certPath, files.keyPath, () => {
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
    if (!fs.existsSync(files.p12Path)) {
      const p12 = forge.pkcs12.toPkcs12Asn1(
        forge.pki.privateKeyFromPem(issued.keyPem),
        [forge.pki.certificateFromPem(issued.certPem), caSigner.cert],
        CLIENT_P12_PASSWORD,
        { algorithm: '3des', friendlyName: loginId },
      );
      writeFile(files.p12Path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), 0o600);
    }
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
