/**
 * Prometheus metrics (prom-client), served at `GET /metrics`. One registry per process; every
 * instance exports its own counts and Prometheus adds them up.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cyberexport_' });
  const registers = [registry];
  return {
    registry,
    answers: new Counter({
      name: 'cyberexport_answers_total',
      help: 'Answers sent, by platform and intent',
      labelNames: ['platform', 'intent'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'cyberexport_answer_seconds',
      help: 'Time from a question to its rendered answer, cache included',
      labelNames: ['platform'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    cache: new Counter({
      name: 'cyberexport_cache_total',
      help: 'Answer cache lookups by result: hit, miss or error',
      labelNames: ['result'] as const,
      registers,
    }),
    unanswered: new Counter({
      name: 'cyberexport_unanswered_total',
      help: 'Questions the bot could not answer, by platform, language and reason: out_of_scope or unknown_country',
      labelNames: ['platform', 'lang', 'reason'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: 'cyberexport_rate_limited_total',
      help: 'Requests refused by the per-user rate limit',
      labelNames: ['platform', 'kind'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'cyberexport_errors_total',
      help: 'Errors while handling an update or interaction',
      labelNames: ['platform'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
