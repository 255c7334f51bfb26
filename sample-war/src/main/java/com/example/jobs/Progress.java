package com.example.jobs;

/** {@code progress} events: how far a job is, in percent, and what it is doing. */
public record Progress(String jobId, int percent, String stage) {}
