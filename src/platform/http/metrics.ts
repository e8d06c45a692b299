import client from 'prom-client';

// Prometheus metrics for /metrics. One registry per process.
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpDuration = new client.Histogram({
  name: 'wasl_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const ordersPlaced = new client.Counter({
  name: 'wasl_orders_placed_total',
  help: 'Orders accepted, by source',
  labelNames: ['source'],
  registers: [registry],
});
