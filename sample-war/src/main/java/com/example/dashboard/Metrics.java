package com.example.dashboard;

import java.time.Instant;

/** One sample of the server's vital signs, pushed to every dashboard once a second. */
public record Metrics(long tick, Instant at, long heapUsedMb, long heapMaxMb, int threads, double systemLoad,
        int dashboards) {}
