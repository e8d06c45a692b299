// Analytics: reports over the other modules' data (read only), for dashboards.
export { orderStats } from './order-stats.ts';
export { periodQuery, resolvePeriod, type Period, type PeriodQuery } from './period.ts';
export { analyticsRoutes } from './routes.ts';
