package org.cdigateway.tck.replies;

/** A reply body. */
public record Joined(String room, int members) {}
