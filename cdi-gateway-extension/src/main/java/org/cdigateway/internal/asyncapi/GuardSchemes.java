package org.cdigateway.internal.asyncapi;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.cdigateway.SecurityScheme;
import org.cdigateway.UseGuards;

/**
 * The security schemes that guards declare with {@link SecurityScheme}, for the AsyncAPI document: one
 * {@code components.securitySchemes} entry per declaration, named after the guard's simple name, and the
 * {@code security} list of each operation the guards protect. Keys are given in the order of the guards' class names,
 * so they do not depend on the order the gateways are passed in.
 */
public final class GuardSchemes {

    private static final String REF_PREFIX = "#/components/securitySchemes/";

    private final List<Class<?>> global;
    /** The scheme keys of each guard class met, in declaration order; empty for a guard that declares none. */
    private final Map<String, List<String>> keysByGuard = new TreeMap<>();
    private final Map<String, JsonObject> schemes = new TreeMap<>();

    private GuardSchemes(List<Class<?>> global) {
        this.global = global;
    }

    /**
     * The schemes of the global guards and of the guards bound with {@link UseGuards} to these gateways (the keys) and
     * to their handlers (the values).
     *
     * @throws IllegalArgumentException when a guard's declaration contradicts itself
     */
    static GuardSchemes read(List<Class<?>> global, Map<Class<?>, List<Method>> handlersByGateway) {
        Set<Class<?>> guards = new LinkedHashSet<>(global);
        handlersByGateway.forEach((gateway, handlers) -> {
            guards.addAll(bound(gateway));
            for (Method handler : handlers) {
                guards.addAll(bound(handler));
            }
        });
        List<Class<?>> sorted = new ArrayList<>(guards);
        sorted.sort(Comparator.comparing(Class::getName));
        GuardSchemes result = new GuardSchemes(List.copyOf(global));
        for (Class<?> guard : sorted) {
            result.add(guard);
        }
        return result;
    }

    /** The {@code components.securitySchemes} members, by key; empty when no guard declares a scheme. */
    Map<String, JsonObject> schemes() {
        return schemes;
    }

    /**
     * The {@code security} of a handler's operation: a reference to each scheme of the global guards, then of the
     * gateway's, then of the handler's, each once; null when none of them declares one.
     */
    JsonArray requirements(Class<?> gateway, Method handler) {
        Set<String> keys = new LinkedHashSet<>();
        for (Class<?> guard : global) {
            keys.addAll(keysOf(guard));
        }
        for (Class<?> guard : bound(gateway)) {
            keys.addAll(keysOf(guard));
        }
        for (Class<?> guard : bound(handler)) {
            keys.addAll(keysOf(guard));
        }
        if (keys.isEmpty()) {
            return null;
        }
        JsonArrayBuilder refs = Json.createArrayBuilder();
        for (String key : keys) {
            refs.add(Json.createObjectBuilder().add("$ref", REF_PREFIX + key));
        }
        return refs.build();
    }

    private List<String> keysOf(Class<?> guard) {
        return keysByGuard.getOrDefault(guard.getName(), List.of());
    }

    /** The guards {@code @UseGuards} names on a gateway class (or a superclass) or a handler method. */
    private static List<Class<?>> bound(AnnotatedElement element) {
        UseGuards use = element.getAnnotation(UseGuards.class);
        return use == null ? List.of() : List.of(use.value());
    }

    private void add(Class<?> guard) {
        SecurityScheme[] declared = guard.getAnnotationsByType(SecurityScheme.class);
        List<String> keys = new ArrayList<>();
        String base = AsyncApiGenerator.key(guard.getSimpleName());
        for (SecurityScheme s : declared) {
            String key = declared.length == 1 ? base : base + "." + suffix(s);
            key = unique(key);
            schemes.put(key, scheme(guard, s));
            keys.add(key);
        }
        keysByGuard.put(guard.getName(), List.copyOf(keys));
    }

    private String unique(String key) {
        String k = key;
        for (int i = 2; schemes.containsKey(k); i++) {
            k = key + "_" + i;
        }
        return k;
    }

    /** What tells a guard's schemes apart in their keys: the HTTP scheme, or where the key is sent. */
    private static String suffix(SecurityScheme s) {
        return s.type() == SecurityScheme.Type.HTTP
                ? AsyncApiGenerator.key(s.scheme().strip().toLowerCase(Locale.ROOT))
                : lower(s.in());
    }

    /**
     * What is wrong with the {@code @SecurityScheme}s of a guard, or null when nothing is (or it declares none): the
     * deployment reports it, so that a contradicting declaration fails the deployment, not the first request for the
     * document.
     */
    public static String check(Class<?> guard) {
        for (SecurityScheme s : guard.getAnnotationsByType(SecurityScheme.class)) {
            try {
                scheme(guard, s);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    /** The Security Scheme Object of one declaration. */
    static JsonObject scheme(Class<?> guard, SecurityScheme s) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        switch (s.type()) {
            case HTTP -> {
                String scheme = s.scheme().strip().toLowerCase(Locale.ROOT);
                if (scheme.isEmpty()) {
                    throw invalid(guard, "has type HTTP and an empty scheme",
                            "Leave scheme out for a bearer token, or name the HTTP authentication scheme");
                }
                if (!s.name().isEmpty()) {
                    throw invalid(guard, "has type HTTP and a name (\"" + s.name() + "\")",
                            "Remove name, or use type HTTP_API_KEY for a value in that header, query parameter"
                                    + " or cookie");
                }
                b.add("type", "http").add("scheme", scheme);
                if (!s.bearerFormat().isBlank()) {
                    if (!scheme.equals("bearer")) {
                        throw invalid(guard, "has a bearerFormat with the scheme \"" + scheme + "\"",
                                "Remove bearerFormat, or use the bearer scheme");
                    }
                    b.add("bearerFormat", s.bearerFormat().strip());
                }
            }
            case HTTP_API_KEY -> {
                if (s.name().isBlank()) {
                    throw invalid(guard, "has type HTTP_API_KEY and no name",
                            "Set name to the header, query parameter or cookie that holds the value");
                }
                if (!s.bearerFormat().isBlank()) {
                    throw invalid(guard, "has type HTTP_API_KEY and a bearerFormat",
                            "Remove bearerFormat, or use type HTTP for a bearer token");
                }
                b.add("type", "httpApiKey").add("name", s.name().strip()).add("in", lower(s.in()));
            }
        }
        if (!s.description().isBlank()) {
            b.add("description", s.description().strip());
        }
        return b.build();
    }

    private static String lower(SecurityScheme.In in) {
        return in.name().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException invalid(Class<?> guard, String what, String fix) {
        return new IllegalArgumentException("The @SecurityScheme of " + guard.getName() + " " + what + ". " + fix
                + ".");
    }
}
