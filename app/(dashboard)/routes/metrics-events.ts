/** Window event the route tester fires after a resolution, so the metrics panel refreshes at once. */
export const METRICS_REFRESH_EVENT = "omni:route-metrics-refresh";
