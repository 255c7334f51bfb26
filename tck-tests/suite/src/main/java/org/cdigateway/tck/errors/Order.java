package org.cdigateway.tck.errors;

/** A body the server decodes with JSON-B; a quantity that is not a number cannot be decoded. */
public record Order(String item, int quantity) {}
