package org.cdigateway.internal.dispatch;

import java.util.List;

/** The frame's data (or a property of it) does not fit the handler parameter; answered with VALIDATION_FAILED. */
public final class InvalidBodyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** One thing wrong with the message: where, and what. */
    public record Violation(String path, String message) {}

    private final transient List<Violation> violations;

    public InvalidBodyException(String path, String message, Throwable cause) {
        super(message, cause, false, false);
        this.violations = List.of(new Violation(path, message));
    }

    /** Several violations, as Bean Validation reports them. */
    public InvalidBodyException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid" : violations.get(0).message(), null, false, false);
        this.violations = List.copyOf(violations);
    }

    /** Where in the frame the first violation is: {@code data}, {@code data.room}, or a path parameter such as {@code path.room}. */
    public String path() {
        return violations.get(0).path();
    }

    /** Every violation, at least one. */
    public List<Violation> violations() {
        return violations;
    }
}
