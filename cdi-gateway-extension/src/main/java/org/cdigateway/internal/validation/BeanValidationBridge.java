package org.cdigateway.internal.validation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.cdigateway.internal.dispatch.InvalidBodyException;

/** The part of {@link BodyValidation} that uses Jakarta Validation types; loaded only when they exist. */
final class BeanValidationBridge implements BodyValidation.ParameterValidator {

    private final Method method;
    private final String[] prefixes;
    private final Supplier<BeanManager> beans;
    private volatile Validator validator;

    BeanValidationBridge(Method method, String[] prefixes, Supplier<BeanManager> beans) {
        this.method = method;
        this.prefixes = prefixes.clone();
        this.beans = beans;
    }

    static boolean isConstrained(Method method) {
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof Valid || a.annotationType().isAnnotationPresent(Constraint.class)) {
                    return true;
                }
            }
        }
        for (java.lang.reflect.AnnotatedType t : method.getAnnotatedParameterTypes()) {
            if (hasTypeUseConstraint(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasTypeUseConstraint(java.lang.reflect.AnnotatedType t) {
        for (Annotation a : t.getAnnotations()) {
            if (a instanceof Valid || a.annotationType().isAnnotationPresent(Constraint.class)) {
                return true;
            }
        }
        if (t instanceof java.lang.reflect.AnnotatedParameterizedType p) {
            for (java.lang.reflect.AnnotatedType arg : p.getAnnotatedActualTypeArguments()) {
                if (hasTypeUseConstraint(arg)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void validate(Object bean, Object[] args) throws InvalidBodyException {
        Set<ConstraintViolation<Object>> found = validator().forExecutables().validateParameters(bean, method, args);
        if (found.isEmpty()) {
            return;
        }
        List<InvalidBodyException.Violation> violations = new ArrayList<>(found.size());
        for (ConstraintViolation<Object> v : found) {
            violations.add(new InvalidBodyException.Violation(path(v.getPropertyPath(), prefixes), v.getMessage()));
        }
        violations.sort(Comparator.comparing(InvalidBodyException.Violation::path)
                .thenComparing(InvalidBodyException.Violation::message));
        throw new InvalidBodyException(violations);
    }

    private Validator validator() {
        Validator v = validator;
        if (v == null) {
            v = lookup(beans.get());
            validator = v;
        }
        return v;
    }

    private static Validator lookup(BeanManager beans) {
        if (beans != null) {
            try {
                Bean<?> bean = beans.resolve(beans.getBeans(Validator.class));
                if (bean != null) {
                    return (Validator) beans.getReference(bean, Validator.class, beans.createCreationalContext(bean));
                }
            } catch (RuntimeException e) {
                // no usable Validator bean: build the default one
            }
        }
        return Validation.buildDefaultValidatorFactory().getValidator();
    }

    /** Where a violation is, rooted at the frame: the parameter's prefix, then properties and indexes. */
    static String path(Path path, String[] prefixes) {
        StringBuilder sb = new StringBuilder();
        boolean rooted = false;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                sb.append(prefixes != null && index < prefixes.length && prefixes[index] != null
                        ? prefixes[index]
                        : node.getName());
                rooted = true;
                continue;
            }
            if (node.isInIterable()) {
                Object key = node.getIndex() != null ? node.getIndex() : node.getKey();
                sb.append('[').append(key == null ? "" : key).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (sb.length() > 0 || rooted) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        return sb.toString();
    }

    static InvalidBodyException violations(Throwable t) {
        if (!(t instanceof ConstraintViolationException cve) || cve.getConstraintViolations() == null
                || cve.getConstraintViolations().isEmpty()) {
            return null;
        }
        List<InvalidBodyException.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : cve.getConstraintViolations()) {
            violations.add(new InvalidBodyException.Violation(path(v.getPropertyPath(), null), v.getMessage()));
        }
        violations.sort(Comparator.comparing(InvalidBodyException.Violation::path));
        return new InvalidBodyException(violations);
    }
}
