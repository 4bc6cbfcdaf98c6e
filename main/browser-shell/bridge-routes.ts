import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppErrorCode } from '../../shared/app-errors.ts';
import type { AppCore } from '../app-core.ts';
import { dispatch } from '../ipc-dispatch.ts';
import { MAX_BRIDGE_BODY, readBridgeBody } from './bridge-body.ts';
import { sendText } from './shell-responses.ts';

export interface BridgeRoutesOptions {
  core: Pick<AppCore, 'handlers'>;
  /** Under test: the URLs the core asked to open, served on /test-hook/opened-urls. */
  openedUrls?: string[];
  /** Where each open event stream is kept, to send the core's events to and to end on close. */
  streams: Set<PassThrough>;
}

const BRIDGE_SCRIPT = fs.readFileSync(new URL('./bridge-client.js', import.meta.url));
const KEEP_ALIVE_MS = 15_000;

/**
 * The IPC contract over HTTP, for the page only (the session is checked before these run):
 * the bridge script, `POST /bridge/invoke` and `GET /bridge/events` (server-sent events).
 */
export function createBridgeRouter(options: BridgeRoutesOptions): Router {
  const router = new Router();
  router.get('/bridge/bridge.js', (ctx) => {
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.body = BRIDGE_SCRIPT;
  });
  router.get('/bridge/events', (ctx) => openEventStream(ctx, options.streams));
  router.post('/bridge/invoke', (ctx) => invoke(ctx, options.core));
  if (options.openedUrls) {
    const opened = options.openedUrls;
    router.get('/test-hook/opened-urls', (ctx) => {
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = JSON.stringify(opened);
    });
  }
  return router;
}

async function invoke(ctx: Context, core: Pick<AppCore, 'handlers'>): Promise<void> {
  if (!/^application\/json\b/.test(ctx.get('content-type')))
    return sendText(ctx, 403, 'Forbidden: JSON only\n');
  const body = await readBridgeBody(ctx.req);
  if (body.kind === 'aborted') return;
  if (body.kind === 'too-large') {
    return sendError(ctx, 413, 'REQUEST_TOO_LARGE', `a bridge call is at most ${MAX_BRIDGE_BODY} bytes`);
  }
  if (body.kind === 'not-json') return sendError(ctx, 400, 'INVALID_ARGUMENT', 'the body is not JSON');
  const { channel, args } = (body.value ?? {}) as { channel?: unknown; args?: unknown };
  sendJson(ctx, 200, await dispatch(core.handlers, channel, args));
}

/** A refusal in the shape every bridge answer has: the page shows the code's words (ja/en) and fix. */
function sendError(ctx: Context, status: number, code: AppErrorCode, detail: string): void {
  sendJson(ctx, status, { ok: false, error: { code, detail } });
}

function sendJson(ctx: Context, status: number, value: unknown): void {
  ctx.status = status;
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = JSON.stringify(value);
}

function openEventStream(ctx: Context, streams: Set<PassThrough>): void {
  const stream = new PassThrough();
  ctx.status = 200;
  ctx.type = 'text/event-stream';
  ctx.body = stream;
  stream.write(': connected\n\n');
  streams.add(stream);
  const keepAlive = setInterval(() => stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  // The response closes when the page goes (a reload, a closed tab) or the shell stops.
  ctx.res.on('close', () => {
    clearInterval(keepAlive);
    streams.delete(stream);
    stream.end();
  });
}
