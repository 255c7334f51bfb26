package org.cdigateway.tck.errors;

/** The payload of a {@code WsException}, sent as the error frame's data. */
public record Problem(String reason, int retryAfter) {}
