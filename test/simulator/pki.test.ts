import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSecureContext, type TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_P12_PASSWORD,
  clientCertificateFiles,
  ensureBankPki,
  loginIdFromClientCertificate,
  type ServerTlsMaterial,
} from '../../simulator/pki/bank-pki.ts';

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bankdemo-pki-'));
  tempDirs.push(dir);
  return dir;
};

let dataDir: string;
let pki: ServerTlsMaterial;
beforeAll(async () => {
  dataDir = tempDir();
  pki = await ensureBankPki(dataDir, ['CORP0001', 'CORP0002']);
});
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const der = (pem: string) => new X509Certificate(pem).raw;

describe('the bank’s local PKI', () => {
  it('issues the certificate-login listener a server certificate for 127.0.0.1 and localhost', () => {
    const server = new X509Certificate(pki.serverCertPem);
    const ca = new X509Certificate(pki.caCertPem);
    expect(ca.ca).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(server.subjectAltName).toContain('DNS:localhost');
  });

  it('creates its files once and reuses them on every later start', async () => {
    const files = clientCertificateFiles(dataDir, 'CORP0001');
    const before = fs.statSync(files.p12Path).mtimeMs;
    const again = await ensureBankPki(dataDir, ['CORP0001', 'CORP0002']);
    expect(again).toEqual(pki);
    expect(fs.statSync(files.p12Path).mtimeMs).toBe(before);
    expect(fs.statSync(files.keyPath).mode & 0o777).toBe(0o600);
  });

  it('maps a client certificate it issued back to its login id', () => {
    const cert = fs.readFileSync(clientCertificateFiles(dataDir, 'CORP0002').certPath, 'utf8');
    expect(loginIdFromClientCertificate(der(cert), pki.caCertPem)).toBe('CORP0002');
  });

  it('maps nothing for a certificate from another CA, or one that is not for client authentication', async () => {
    const otherDir = tempDir();
    await ensureBankPki(otherDir, ['CORP0001']);
    const foreign = fs.readFileSync(clientCertificateFiles(otherDir, 'CORP0001').certPath, 'utf8');
    expect(loginIdFromClientCertificate(der(foreign), pki.caCertPem)).toBeUndefined();
    expect(loginIdFromClientCertificate(der(pki.serverCertPem), pki.caCertPem)).toBeUndefined();
    expect(loginIdFromClientCertificate(Buffer.from('not a certificate'), pki.caCertPem)).toBeUndefined();
  });

  it('packs a .p12 for browsers that opens with the documented password only', () => {
    const pfx = fs.readFileSync(clientCertificateFiles(dataDir, 'CORP0001').p12Path);
    expect(() => createSecureContext({ pfx, passphrase: CLIENT_P12_PASSWORD })).not.toThrow();
    expect(() => createSecureContext({ pfx, passphrase: 'wrong' })).toThrow();
  });

  it('refuses a login id that could escape the certificate folder', () => {
    expect(() => clientCertificateFiles(dataDir, '../x')).toThrow(/not a login id/);
  });

  it('completes a real mutual-TLS handshake that identifies the customer', async () => {
    const server = https.createServer(
      {
        key: pki.serverKeyPem,
        cert: pki.serverCertPem,
        ca: [pki.caCertPem],
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        const socket = req.socket as TLSSocket;
        const loginId = socket.authorized
          ? loginIdFromClientCertificate(socket.getPeerCertificate().raw, pki.caCertPem)
          : undefined;
        res.end(loginId ?? 'anonymous');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const files = clientCertificateFiles(dataDir, 'CORP0001');
    const get = (options: https.RequestOptions) =>
      new Promise<string>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, path: '/', ca: pki.caCertPem, ...options }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    try {
      // The server certificate verifies against the bank's CA by its IP address SAN.
      expect(await get({ cert: fs.readFileSync(files.certPath), key: fs.readFileSync(files.keyPath) })).toBe(
        'CORP0001',
      );
      expect(await get({})).toBe('anonymous');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
