/**
 * The process's HTTP server, on a real socket with real fetch: health, readiness, metrics, mounted
 * routes, errors and shutdown.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import {
  cacheReadiness,
  createHttpServer,
  type HttpServer,
  type HttpServerOptions,
  type ReadinessCheck,
} from '../src/infra/http.js';
import { createLogger } from '../src/infra/log.js';
import { createMetrics } from '../src/infra/metrics.js';

const open: HttpServer[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((http) => http.close()));
});

async function start(options: Partial<HttpServerOptions> = {}) {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (l) => lines.push(l) } });
  const metrics = options.metrics ?? createMetrics();
  const http = createHttpServer({ log, metrics, ...options });
  open.push(http);
  const port = await http.listen(0, '127.0.0.1');
  return { http, port, url: (path: string) => `http://127.0.0.1:${port}${path}`, lines, metrics };
}

const connected: ReadinessCheck = () => ({ ok: true });

describe('http server', () => {
  test('GET /healthz answers 200 ok', async () => {
    const { url } = await start();
    const res = await fetch(url('/healthz'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  test('GET /readyz is 200 with every check when all pass', async () => {
    const cache = { healthy: true };
    const { url } = await start({
      readiness: { telegram: connected, discord: async () => ({ ok: true }), cache: cacheReadiness(cache) },
    });
    const res = await fetch(url('/readyz'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({
      ready: true,
      checks: { telegram: { ok: true }, discord: { ok: true }, cache: { ok: true } },
    });
  });

  test('a degraded cache keeps the instance ready and says why', async () => {
    const cache = { healthy: false };
    const { url } = await start({ readiness: { telegram: connected, cache: cacheReadiness(cache) } });
    const res = await fetch(url('/readyz'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ready: boolean; checks: Record<string, unknown> };
    expect(body.ready).toBe(true);
    expect(body.checks.cache).toEqual({ ok: true, degraded: true, reason: expect.any(String) });
  });

  test('GET /readyz is 503 and names the failing check when an adapter is down', async () => {
    const { url, http } = await start({
      readiness: { telegram: connected, discord: () => ({ ok: false, reason: 'gateway disconnected' }) },
    });
    http.addReadinessCheck('broken', () => {
      throw new Error('boom');
    });
    const res = await fetch(url('/readyz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      ready: false,
      failing: ['discord', 'broken'],
      checks: {
        telegram: { ok: true },
        discord: { ok: false, reason: 'gateway disconnected' },
        broken: { ok: false, reason: 'boom' },
      },
    });
  });

  test('a readiness check that hangs fails after its time budget', async () => {
    const { url } = await start({ checkTimeoutMs: 50, readiness: { slow: () => new Promise(() => {}) } });
    const res = await fetch(url('/readyz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, failing: ['slow'] });
  });

  test('GET /metrics serves the registry in Prometheus text format', async () => {
    const metrics = createMetrics();
    const { url } = await start({ metrics });
    metrics.answers.inc({ platform: 'telegram', intent: 'nso' });
    const res = await fetch(url('/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics.registry.contentType);
    const text = await res.text();
    expect(text).toContain('cyberexport_answers_total{platform="telegram",intent="nso"} 1');
    expect(text).toContain('# TYPE cyberexport_answers_total counter');
  });

  test('a mounted POST route receives the request; other methods get 405, unknown paths 404', async () => {
    const seen: string[] = [];
    const { url, http } = await start({
      routes: [
        {
          method: 'POST',
          path: '/telegram/hook',
          handler: async (req, res) => {
            let body = '';
            for await (const chunk of req) body += chunk;
            seen.push(body);
            res.writeHead(200).end('done');
          },
        },
      ],
    });
    http.addRoute('POST', '/later', (_req, res) => void res.writeHead(204).end());

    const res = await fetch(url('/telegram/hook?x=1'), { method: 'POST', body: '{"update_id":1}' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('done');
    expect(seen).toEqual(['{"update_id":1}']);
    expect((await fetch(url('/later'), { method: 'POST' })).status).toBe(204);

    const wrongMethod = await fetch(url('/telegram/hook'));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await fetch(url('/nope'))).status).toBe(404);
    expect((await fetch(url('/healthz'), { method: 'POST' })).status).toBe(405);
    expect(() => http.addRoute('GET', '/healthz', () => {})).toThrow(/already mounted/);
  });

  test('a handler that throws or rejects gets a 500, is logged, and the server keeps serving', async () => {
    const { url, http, lines } = await start();
    http.addRoute('GET', '/throws', () => {
      throw new Error('sync failure');
    });
    http.addRoute('POST', '/rejects', async () => {
      throw new Error('async failure');
    });

    expect((await fetch(url('/throws'))).status).toBe(500);
    expect((await fetch(url('/rejects'), { method: 'POST' })).status).toBe(500);
    const next = await fetch(url('/healthz'));
    expect(next.status).toBe(200);
    expect(await next.text()).toBe('ok');

    const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } });
    const failures = errors.filter((l) => l.msg === 'http: request handler failed');
    expect(failures.map((l) => l.err?.message)).toEqual(['sync failure', 'async failure']);
    expect(failures.every((l) => l.level === 50)).toBe(true);
  });

  test('close() resolves promptly with an idle keep-alive connection open', async () => {
    const { http, port } = await start();
    // A raw keep-alive socket, left idle after its response.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/healthz', headers: { connection: 'keep-alive' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(http.server.listening).toBe(true);

    const started = Date.now();
    await http.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(http.server.listening).toBe(false);
    await http.close(); // a second call is harmless
  });

  test('close() cuts a request still running after the grace period', async () => {
    const { http, url } = await start({ closeGraceMs: 100 });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    http.addRoute('GET', '/hangs', () => entered());
    const pending = fetch(url('/hangs')).then(
      () => 'answered',
      () => 'cut',
    );
    await inside;

    const started = Date.now();
    await http.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('cut');
  });
});
