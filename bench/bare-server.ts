import fs from 'node:fs';
import http from 'node:http';

/**
 * The floor the bank is compared with: a bare node:http server that answers every request with the
 * bytes the bank's API answered, captured in the same run. Usage: node bench/bare-server.ts <file> <port>
 */
const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file!);
const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length };
http
  .createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
