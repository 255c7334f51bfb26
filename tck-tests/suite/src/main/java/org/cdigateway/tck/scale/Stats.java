package org.cdigateway.tck.scale;

/**
 * What the probe reports: the clients the churned gateway's server has connected and lists, and how many connections
 * it saw open and close.
 */
public record Stats(int connected, int listed, long connects, long disconnects) {}
