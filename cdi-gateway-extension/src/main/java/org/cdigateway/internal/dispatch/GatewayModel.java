package org.cdigateway.internal.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.websocket.Session;

import org.cdigateway.Adapter;
import org.cdigateway.Compression;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnServerEvent;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.config.GatewaySettings;
import org.cdigateway.internal.deployment.DeploymentProblems;
import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.deployment.GatewayMessages;
import org.cdigateway.internal.guard.RolesGuard;
import org.cdigateway.internal.json.JsonCodec;

/**
 * One gateway as discovered: its bean, its path and its dispatch table. Reading a gateway checks every rule a gateway
 * can break and records each broken one, so a deployment reports them all at once.
 */
public record GatewayModel(Class<?> type, Bean<?> bean, PathTemplate path, DispatchTable table,
        GatewaySettings settings, Map<String, Method> serverEvents) {

    /** Whether {@code s} is an HTTP token (RFC 9110), as a subprotocol must be. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean token = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads and checks a gateway.
     *
     * @return the model; its path is null when the path was invalid, its table null when a handler was invalid
     */
    public static GatewayModel read(AnnotatedType<?> type, Bean<?> bean, JsonCodec json,
            DeploymentProblems problems) {
        Class<?> javaClass = type.getJavaClass();
        int before = problems.all().size();
        if (Modifier.isFinal(javaClass.getModifiers())) {
            problems.add(GatewayMessages.finalGateway(javaClass));
        }
        String declared = type.getAnnotation(WebSocketGateway.class).value();
        PathTemplate path = null;
        try {
            path = PathTemplate.parse(declared);
        } catch (IllegalArgumentException e) {
            problems.add(GatewayMessages.invalidPath(javaClass, declared, e.getMessage()));
        }
        PathTemplate checkedPath = path != null ? path : new PathTemplate(declared, List.of(), declared);
        for (String subprotocol : type.getAnnotation(WebSocketGateway.class).subprotocols()) {
            if (!isToken(subprotocol)) {
                problems.add(GatewayMessages.invalidSubprotocol(javaClass, subprotocol));
            }
        }
        List<String> classConflicts = RolesGuard.conflicts(javaClass);
        if (!classConflicts.isEmpty()) {
            problems.add(GatewayMessages.contradictingSecurity(Describe.type(javaClass), classConflicts));
        }
        GatewaySettings settings = null;
        try {
            settings = GatewaySettings.of(javaClass);
        } catch (DefinitionException e) {
            problems.add(e);
        }
        WebSocketGateway gateway = type.getAnnotation(WebSocketGateway.class);
        Compression compression = settings != null ? settings.compression() : gateway.compression();
        if (compression != Compression.DEFAULT && gateway.adapter().length > 0
                && !Arrays.asList(gateway.adapter()).contains(Adapter.NATIVE)) {
            problems.add(GatewayMessages.compressionWithoutEndpoint(javaClass, compression));
        }

        Map<String, HandlerInvoker> handlers = new LinkedHashMap<>();
        HandlerInvoker wildcard = null;
        HandlerInvoker binary = null;
        List<AnnotatedMethod<?>> methods = type.getMethods().stream()
                .<AnnotatedMethod<?>>map(m -> m)
                .filter(m -> !m.getJavaMember().isBridge() && !m.getJavaMember().isSynthetic())
                .filter(m -> !isOverridden(m.getJavaMember(), type.getJavaClass()))
                .sorted(Comparator.comparing((AnnotatedMethod<?> m) -> m.getJavaMember().getName())
                        .thenComparing(m -> m.getJavaMember().toGenericString()))
                .toList();
        Map<String, Method> serverEvents = new LinkedHashMap<>();
        for (AnnotatedMethod<?> m : methods) {
            OnServerEvent serverEvent = m.getAnnotation(OnServerEvent.class);
            if (serverEvent != null) {
                serverEvent(m.getJavaMember(), serverEvent.value(), m.isAnnotationPresent(SubscribeMessage.class)
                        || m.isAnnotationPresent(SubscribeBinary.class), serverEvents, problems);
                continue;
            }
            SubscribeMessage text = m.getAnnotation(SubscribeMessage.class);
            boolean isBinary = m.isAnnotationPresent(SubscribeBinary.class);
            if (text == null && !isBinary) {
                continue;
            }
            Method method = m.getJavaMember();
            if (text != null && isBinary) {
                problems.add(GatewayMessages.textAndBinary(method));
                continue;
            }
            HandlerInvoker invoker = handler(m, isBinary ? null : text.value(), checkedPath, json, problems);
            if (invoker == null) {
                continue;
            }
            if (isBinary) {
                if (binary != null) {
                    problems.add(GatewayMessages.secondBinaryHandler(binary.method(), method));
                } else {
                    binary = invoker;
                }
            } else if (SubscribeMessage.ANY.equals(text.value())) {
                if (wildcard != null) {
                    problems.add(GatewayMessages.duplicateEvent(SubscribeMessage.ANY, wildcard.method(), method));
                } else {
                    wildcard = invoker;
                }
            } else {
                HandlerInvoker first = handlers.putIfAbsent(text.value(), invoker);
                if (first != null) {
                    problems.add(GatewayMessages.duplicateEvent(text.value(), first.method(), method));
                }
            }
        }
        boolean valid = problems.all().size() == before;
        return new GatewayModel(javaClass, bean, path, valid ? new DispatchTable(handlers, wildcard, binary) : null,
                settings, Map.copyOf(serverEvents));
    }

    /** Checks an {@code @OnServerEvent} method and records it. */
    private static void serverEvent(Method method, String event, boolean alsoForClients, Map<String, Method> events,
            DeploymentProblems problems) {
        int modifiers = method.getModifiers();
        boolean ok = true;
        if (alsoForClients) {
            problems.add(GatewayMessages.serverEventAlsoForClients(method));
            ok = false;
        }
        if (event.isBlank()) {
            problems.add(GatewayMessages.blankServerEvent(method));
            ok = false;
        }
        if (Modifier.isStatic(modifiers)) {
            problems.add(GatewayMessages.staticHandler(method));
            ok = false;
        } else if (!Modifier.isPublic(modifiers)) {
            problems.add(GatewayMessages.handlerNotPublic(method));
            ok = false;
        }
        if (method.getParameterCount() > 1) {
            problems.add(GatewayMessages.serverEventParameters(method));
            ok = false;
        }
        if (ok) {
            Method first = events.putIfAbsent(event, method);
            if (first != null) {
                problems.add(GatewayMessages.duplicateServerEvent(event, first, method));
            }
        }
    }

    private static HandlerInvoker handler(AnnotatedMethod<?> annotated, String event, PathTemplate path,
            JsonCodec json, DeploymentProblems problems) {
        Method method = annotated.getJavaMember();
        boolean ok = true;
        int modifiers = method.getModifiers();
        if (event != null && event.isBlank()) {
            problems.add(GatewayMessages.blankEvent(method));
            ok = false;
        }
        if (Modifier.isStatic(modifiers)) {
            problems.add(GatewayMessages.staticHandler(method));
            return null;
        }
        if (!Modifier.isPublic(modifiers)) {
            problems.add(GatewayMessages.handlerNotPublic(method));
            ok = false;
        }
        if (Modifier.isFinal(modifiers)) {
            problems.add(GatewayMessages.finalHandler(method));
            ok = false;
        }
        ok &= checkReturnType(method, problems);
        List<String> conflicts = RolesGuard.conflicts(method);
        if (!conflicts.isEmpty()) {
            problems.add(GatewayMessages.contradictingSecurity(Describe.method(method), conflicts));
            ok = false;
        }

        List<? extends AnnotatedParameter<?>> parameters = annotated.getParameters();
        ArgumentResolver[] resolvers = new ArgumentResolver[parameters.size()];
        String[] paths = new String[parameters.size()];
        int body = -1;
        for (AnnotatedParameter<?> p : parameters) {
            ArgumentResolvers.Resolved r = ArgumentResolvers.forParameter(p, event == null, path, json, problems);
            if (r == null) {
                ok = false;
                continue;
            }
            if (r.kind() == ArgumentResolvers.Kind.BODY || r.kind() == ArgumentResolvers.Kind.BINARY) {
                if (body >= 0) {
                    problems.add(GatewayMessages.twoBodies(method, body, p.getPosition()));
                    ok = false;
                }
                body = p.getPosition();
            }
            resolvers[p.getPosition()] = r.resolver();
            paths[p.getPosition()] = switch (r.kind()) {
                case BODY, BINARY -> "data";
                case BODY_PROPERTY -> "data." + p.getAnnotation(MessageBody.class).value();
                case PATH_PARAM -> "path." + p.getAnnotation(jakarta.websocket.server.PathParam.class).value();
                default -> null;
            };
        }
        if (!ok) {
            return null;
        }
        return new HandlerInvoker(method, event, spreader(method), resolvers, paths);
    }

    private static boolean checkReturnType(Method method, DeploymentProblems problems) {
        Class<?> r = method.getReturnType();
        Type generic = method.getGenericReturnType();
        String fix = null;
        if (Future.class.isAssignableFrom(r) && !CompletionStage.class.isAssignableFrom(r)) {
            fix = "Return a CompletionStage (such as CompletableFuture) to reply when the work completes.";
        } else if (BaseStream.class.isAssignableFrom(r) || Iterator.class.isAssignableFrom(r)) {
            fix = "Return a List (or another collection) of the items.";
        } else if (r == Optional.class) {
            fix = "Return the value itself, or null to send no reply.";
        } else if (r == GatewayClient.class || r == Session.class) {
            fix = "Return the data to send to the client.";
        }
        if (fix != null) {
            problems.add(GatewayMessages.unsupportedReturnType(method, generic, fix));
            return false;
        }
        return true;
    }

    /** {@code (Object, Object[])Object}: spreads the argument array and boxes the result (null for void). */
    private static MethodHandle spreader(Method method) {
        try {
            method.setAccessible(true);
            MethodHandle h = MethodHandles.lookup().unreflect(method);
            if (method.getReturnType() == void.class) {
                h = MethodHandles.filterReturnValue(h, MethodHandles.constant(Object.class, null));
            }
            return h.asSpreader(Object[].class, method.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("Cannot access " + method, e);
        }
    }

    /**
     * Whether a subclass (up to {@code leaf}) redeclares {@code method}: only the most specific declaration counts, as
     * method annotations are not inherited.
     */
    private static boolean isOverridden(Method method, Class<?> leaf) {
        Class<?> declaring = method.getDeclaringClass();
        if (declaring == leaf || Modifier.isPrivate(method.getModifiers())
                || Modifier.isStatic(method.getModifiers())) {
            return false;
        }
        for (Class<?> c = leaf; c != null && c != declaring; c = c.getSuperclass()) {
            try {
                Method redeclared = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                // a bridge redeclares it too: the compiler adds one where a subclass overrides a generic method
                if (!Modifier.isPrivate(redeclared.getModifiers())) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                // not redeclared at this level
            }
        }
        return false;
    }
}
