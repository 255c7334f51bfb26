package org.cdigateway.internal.validation;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.BeanManager;

import org.cdigateway.internal.dispatch.InvalidBodyException;

/**
 * Bean Validation of handler parameters, when Jakarta Validation is on the classpath (always on the servers; the
 * embedded runtime brings Hibernate Validator). Nothing here touches a {@code jakarta.validation} type unless the
 * API is present, so the gateway still works without it.
 */
public final class BodyValidation {

    private static final boolean AVAILABLE = present();

    private BodyValidation() {}

    private static boolean present() {
        try {
            Class.forName("jakarta.validation.Validation", false, BodyValidation.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Checks the arguments of one handler before it is called. */
    public interface ParameterValidator {

        /** @throws InvalidBodyException with every violation, paths rooted at the frame ({@code data.items[1].name}) */
        void validate(Object bean, Object[] args) throws InvalidBodyException;
    }

    /**
     * The validator for a handler whose parameters carry {@code @Valid} or constraints, or null when none does (or
     * Jakarta Validation is absent).
     *
     * @param prefixes for each parameter, the path its violations start with ({@code data}, {@code data.room})
     */
    public static ParameterValidator forHandler(Method method, String[] prefixes, Supplier<BeanManager> beans) {
        if (!AVAILABLE || !BeanValidationBridge.isConstrained(method)) {
            return null;
        }
        return new BeanValidationBridge(method, prefixes, beans);
    }

    /** The violations of a {@code ConstraintViolationException} (thrown by a server's own method validation), or null. */
    public static InvalidBodyException violations(Throwable t) {
        return AVAILABLE ? BeanValidationBridge.violations(t) : null;
    }
}
