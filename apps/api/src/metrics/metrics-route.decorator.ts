import { SetMetadata } from '@nestjs/common';

export const IS_METRICS_ROUTE = 'sluice:isMetricsRoute';

/** Marks the Prometheus route: public when API_METRICS_PUBLIC is true, token-guarded otherwise. */
export const MetricsRoute = () => SetMetadata(IS_METRICS_ROUTE, true);
