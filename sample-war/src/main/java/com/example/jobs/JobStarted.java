package com.example.jobs;

/** The reply to {@code start}: the job's id, to match the progress events that follow. */
public record JobStarted(String jobId, String name, int steps) {}
