/**
 * The process's one HTTP server (node:http, no framework): `GET /healthz` (alive), `GET /readyz`
 * (every readiness check passes), `GET /metrics` (Prometheus), plus mounted routes such as the
 * Telegram webhook. A route that throws gets a 500 and a log line; the server keeps serving.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

/** A route handler; it may answer asynchronously. A throw or a rejection becomes a 500. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  /** `GET`, `POST`, …; a `GET` route also answers `HEAD`. */
  method: string;
  /** Exact pathname, query string ignored: `/telegram/webhook`. */
  path: string;
  handler: RouteHandler;
}

/** What one readiness check reports. `degraded` with `ok: true` is served slower, not unready. */
export interface CheckResult {
  ok: boolean;
  degraded?: boolean;
  reason?: string;
}

/** A readiness check; a throw, a rejection or a timeout counts as `{ ok: false }`. */
export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

export interface HttpServerOptions {
  metrics: Pick<Metrics, 'registry'>;
  log: Logger;
  /** Named readiness checks for `GET /readyz` (more can be added with `addReadinessCheck`). */
  readiness?: Record<string, ReadinessCheck>;
  /** Routes mounted at creation (more can be added with `addRoute`). */
  routes?: readonly Route[];
  /** How long `close()` lets in-flight requests finish before cutting their sockets (default 3000 ms). */
  closeGraceMs?: number;
  /** Longest wait for one readiness check (default 2000 ms). */
  checkTimeoutMs?: number;
}

export interface HttpServer {
  readonly server: Server;
  /** Listens on `port` (0: any free port) and `host` (default: every interface); resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections; resolves once every connection is closed (idle ones at once). */
  close(): Promise<void>;
  /** Mounts a handler; throws if that method and path already have one. */
  addRoute(method: string, path: string, handler: RouteHandler): void;
  /** Adds or replaces a named readiness check. */
  addReadinessCheck(name: string, check: ReadinessCheck): void;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
  /** Names of the checks that failed (absent when ready). */
  failing?: string[];
}

const DEFAULT_CLOSE_GRACE_MS = 3000;
const DEFAULT_CHECK_TIMEOUT_MS = 2000;

/**
 * The readiness check of a cache: a cache is a speed-up, never a dependency, so an unreachable
 * store reports `degraded` and keeps the instance ready.
 */
export function cacheReadiness(cache: { readonly healthy: boolean }): ReadinessCheck {
  return () =>
    cache.healthy
      ? { ok: true }
      : { ok: true, degraded: true, reason: 'store unreachable: answering without the cache' };
}

/** Runs every check (in parallel, each with a time budget) and sums them up. */
export async function checkReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs = DEFAULT_CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(
      async ([name, check]): Promise<[string, CheckResult]> => [name, await runCheck(check, timeoutMs)],
    ),
  );
  const failing = entries.filter(([, result]) => !result.ok).map(([name]) => name);
  const result: Readiness = { ready: failing.length === 0, checks: Object.fromEntries(entries) };
  if (failing.length > 0) result.failing = failing;
  return result;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: `check took longer than ${timeoutMs} ms` }), timeoutMs);
    });
    const result = await Promise.race([Promise.resolve().then(check), timeout]);
    const out: CheckResult = { ok: result.ok === true };
    if (result.degraded) out.degraded = true;
    if (result.reason) out.reason = result.reason;
    return out;
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { metrics, log } = options;
  const closeGraceMs = options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const checks: Record<string, ReadinessCheck> = { ...options.readiness };
  const routes = new Map<string, RouteHandler>();
  /** Every mounted path, for 405 rather than 404 on a known path with another method. */
  const methodsByPath = new Map<string, Set<string>>();
  let closing: Promise<void> | undefined;

  function addRoute(method: string, path: string, handler: RouteHandler): void {
    if (!path.startsWith('/')) throw new Error(`http: route path must start with "/": ${path}`);
    const key = routeKey(method, path);
    if (routes.has(key)) throw new Error(`http: route already mounted: ${key}`);
    routes.set(key, handler);
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    methodsByPath.set(path, methods);
  }

  addRoute('GET', '/healthz', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('ok');
  });
  addRoute('GET', '/readyz', async (_req, res) => {
    const readiness = await checkReadiness(checks, checkTimeoutMs);
    res
      .writeHead(readiness.ready ? 200 : 503, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      })
      .end(JSON.stringify(readiness));
  });
  addRoute('GET', '/metrics', async (_req, res) => {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(body);
  });
  for (const route of options.routes ?? []) addRoute(route.method, route.path, route.handler);

  function fail(req: IncomingMessage, res: ServerResponse, path: string, error: unknown): void {
    log.error({ err: error, method: req.method, path }, 'http: request handler failed');
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error');
    } else {
      // Part of a response is out: cut it rather than leave the client waiting for the rest.
      res.destroy();
    }
  }

  const server = createServer((req, res) => {
    let path = '/';
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return void res.writeHead(400).end();
    }
    // While shutting down, answer what is in flight but let no keep-alive socket linger.
    if (closing) res.setHeader('connection', 'close');
    const method = (req.method ?? 'GET').toUpperCase();
    const handler =
      routes.get(routeKey(method, path)) ?? (method === 'HEAD' ? routes.get(routeKey('GET', path)) : undefined);
    if (!handler) {
      req.resume();
      const methods = methodsByPath.get(path);
      if (!methods) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      const allow = [...methods, ...(methods.has('GET') ? ['HEAD'] : [])].join(', ');
      return void res.writeHead(405, { allow, 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed');
    }
    try {
      const result = handler(req, res);
      if (result instanceof Promise) result.catch((error: unknown) => fail(req, res, path, error));
    } catch (error) {
      fail(req, res, path, error);
    }
  });

  return {
    server,
    listen(port, host) {
      return new Promise<number>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          const actual = (server.address() as AddressInfo).port;
          log.info({ port: actual, host: host ?? '*' }, 'http: listening');
          resolve(actual);
        });
      });
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        const force = setTimeout(() => {
          log.warn({ graceMs: closeGraceMs }, 'http: requests still running at shutdown, closing their connections');
          server.closeAllConnections();
        }, closeGraceMs);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) return reject(error);
          log.info('http: closed');
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
    addRoute,
    addReadinessCheck(name, check) {
      checks[name] = check;
    },
  };
}
