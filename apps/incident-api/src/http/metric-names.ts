/** Metric names and buckets of the incident API, in one place. */
export const HTTP_REQUEST_DURATION = 'ketenmonitor_incident_api_http_request_duration_seconds';
export const HTTP_REQUEST_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
