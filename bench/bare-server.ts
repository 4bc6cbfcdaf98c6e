import fs from 'node:fs';
import http from 'node:http';

/**
 * The floor the bank is compared with: a bare node:http server that answers every request with the
 * bytes the bank's API answered, captured in the same run — its body and the headers the bank chose
 * (Node adds Date, Connection and Keep-Alive to both alike).
 * Usage: node bench/bare-server.ts <body file> <port>; the headers are read from <body file>.headers.json.
 */
const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file!);
const headers = {
  ...(JSON.parse(fs.readFileSync(`${file}.headers.json`, 'utf8')) as Record<string, string>),
  'Content-Length': body.length,
};
http
  .createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
