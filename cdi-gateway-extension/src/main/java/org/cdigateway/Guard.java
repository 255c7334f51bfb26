package org.cdigateway;

/**
 * A guard: a CDI bean that decides whether a connection may open or a message may be handled. Implement
 * {@link CanActivate} (answers at once) or {@link CanActivateAsync} (answers later), and name it in
 * {@link UseGuards} or mark it {@link Global}.
 */
public interface Guard {}
