package org.cdigateway.tck.dispatch;

/** A body decoded by JSON-B on the server. */
public record Point(int x, int y) {}
