package com.aiceo.bench.gateway;

/** One load run: requests per second over the measured window, latency percentiles in ms, failed requests. */
public record LoadResult(double rps, double p50, double p99, long requests, long errors) {
}
