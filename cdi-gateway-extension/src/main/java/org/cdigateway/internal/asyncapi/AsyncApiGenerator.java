package org.cdigateway.internal.asyncapi;

import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.websocket.server.PathParam;

import org.cdigateway.Adapter;
import org.cdigateway.Arguments;
import org.cdigateway.EmitsEvent;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;
import org.cdigateway.internal.dispatch.ArgumentResolvers;
import org.cdigateway.internal.dispatch.ArgumentResolvers.Kind;
import org.cdigateway.internal.dispatch.PathTemplate;
import org.cdigateway.internal.guard.RolesGuard;

/**
 * Writes an AsyncAPI 3.0 document that describes gateways as clients of the native wire protocol see them: one channel
 * per gateway, a {@code receive} operation per handler with its reply, {@code send} operations for the events the
 * gateway names with {@link EmitsEvent} and for error frames, the JSON Schemas of the frames, and the security schemes
 * that the gateways' guards declare with {@link org.cdigateway.SecurityScheme}.
 *
 * <p>
 * Public, though internal, so that build-time tools (a Maven goal) can call it on the application's compiled classes:
 * it reads the classes alone and needs no CDI container, JSON-B implementation or server. Its output is deterministic
 * (object members sorted, see {@link #write}), so a generated document can be committed and diffed.
 *
 * <pre>{@code
 * JsonObject doc = new AsyncApiGenerator("Chat", "1.0").generate(List.of(ChatGateway.class));
 * String json = AsyncApiGenerator.write(doc);
 * }</pre>
 */
public final class AsyncApiGenerator {

    /** The error codes the gateway itself sends in error frames (docs/reference/wire-protocol.adoc). */
    static final List<String> ERROR_CODES = List.of("BAD_FRAME", "UNKNOWN_EVENT", "VALIDATION_FAILED", "FORBIDDEN",
            "INTERNAL", "DUPLICATE_ID", "LIMIT_EXCEEDED");

    /** The close codes of the protocol, and what each means. */
    static final Map<String, String> CLOSE_CODES = closeCodes();

    private static final String EXCEPTION = "exception";
    private static final String CORRELATION = "$message.payload#/id";

    private final String title;
    private final String version;
    private String description;
    /** The extension field that lists the roles of {@code @RolesAllowed}. */
    static final String ROLES_ALLOWED = "x-roles-allowed";

    private List<Class<?>> globalGuards = List.of();

    /**
     * A generator of documents with this title and version ({@code info}).
     */
    public AsyncApiGenerator(String title, String version) {
        this.title = title;
        this.version = version;
    }

    /**
     * Sets the guards that run for every gateway ({@code @Global} ones), in their order: the security schemes they
     * declare protect every {@code receive} operation, before those of the gateway's own guards.
     */
    public AsyncApiGenerator globalGuards(Collection<? extends Class<?>> guards) {
        this.globalGuards = List.copyOf(guards);
        return this;
    }

    /** Sets the document's description ({@code info.description}); the close codes are appended to it. */
    public AsyncApiGenerator description(String description) {
        this.description = description;
        return this;
    }

    /**
     * The document describing these gateway classes (each annotated {@link WebSocketGateway}) as they speak the native
     * wire protocol; a gateway served only through the Socket.IO adapter is left out.
     *
     * @throws IllegalArgumentException when a class is not a gateway
     */
    public JsonObject generate(Collection<Class<?>> gateways) {
        JsonSchemas schemas = new JsonSchemas();
        List<Class<?>> sorted = new ArrayList<>(gateways);
        sorted.sort(Comparator.comparing(Class::getName));
        Map<Class<?>, List<Method>> natives = new LinkedHashMap<>();
        for (Class<?> gateway : sorted) {
            WebSocketGateway annotation = gateway.getAnnotation(WebSocketGateway.class);
            if (annotation == null) {
                throw new IllegalArgumentException(gateway.getName() + " is not annotated @WebSocketGateway");
            }
            if (Arrays.asList(annotation.adapter()).contains(Adapter.NATIVE)) {
                natives.put(gateway, handlers(gateway)); // Socket.IO frames are not the protocol described here
            }
        }
        GuardSchemes security = GuardSchemes.read(globalGuards, natives);
        Map<String, JsonObject> channels = new TreeMap<>();
        Map<String, JsonObject> operations = new TreeMap<>();
        natives.forEach((gateway, handlers) -> {
            String key = unique(key(gateway.getSimpleName()), channels);
            channels.put(key, channel(gateway, gateway.getAnnotation(WebSocketGateway.class), handlers, key, schemas,
                    security, operations));
        });

        JsonObjectBuilder components = Json.createObjectBuilder()
                .add("messages", Json.createObjectBuilder().add(EXCEPTION, exceptionMessage()));
        if (!security.schemes().isEmpty()) {
            components.add("securitySchemes", object(security.schemes()));
        }
        JsonObjectBuilder componentSchemas = Json.createObjectBuilder();
        schemas.components().forEach(componentSchemas::add);
        componentSchemas.add("GatewayError", gatewayError());
        components.add("schemas", componentSchemas);

        JsonObjectBuilder closeCodes = Json.createObjectBuilder();
        CLOSE_CODES.forEach(closeCodes::add);
        return Json.createObjectBuilder()
                .add("asyncapi", "3.0.0")
                .add("info", Json.createObjectBuilder().add("title", title).add("version", version)
                        .add("description", describe()))
                .add("defaultContentType", "application/json")
                .add("channels", object(channels))
                .add("operations", object(operations))
                .add("components", components)
                .add("x-close-codes", closeCodes)
                .build();
    }

    /**
     * The document as JSON text: indented, object members sorted by name, so the same gateways always give the same
     * text.
     */
    /**
     * {@code x-roles-allowed}: the roles {@code @RolesAllowed} on the gateway (its channel: who may connect) or on a
     * handler (its operation) admits, {@code "**"} for any authenticated client, none for {@code @DenyAll}. The
     * container authenticates, so there is no security scheme to name.
     */
    private static void rolesAllowed(JsonObjectBuilder target, AnnotatedElement element) {
        List<String> roles = RolesGuard.described(element);
        if (roles != null) {
            target.add(ROLES_ALLOWED, Json.createArrayBuilder(roles));
        }
    }

    public static String write(JsonObject document) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(out)) {
            writeSorted(g, null, document);
        }
        return out.toString().strip() + "\n";
    }

    private static void writeSorted(JsonGenerator g, String name, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                if (name == null) {
                    g.writeStartObject();
                } else {
                    g.writeStartObject(name);
                }
                new TreeMap<>(value.asJsonObject()).forEach((k, v) -> writeSorted(g, k, v));
                g.writeEnd();
            }
            case ARRAY -> {
                if (name == null) {
                    g.writeStartArray();
                } else {
                    g.writeStartArray(name);
                }
                for (JsonValue v : value.asJsonArray()) {
                    writeSorted(g, null, v);
                }
                g.writeEnd();
            }
            default -> {
                if (name == null) {
                    g.write(value);
                } else {
                    g.write(name, value);
                }
            }
        }
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        if (description != null && !description.isBlank()) {
            b.append(description.strip()).append("\n\n");
        }
        b.append("Frames are JSON text frames {\"event\": string, \"data\": any, \"id\"?: string|number}; a reply"
                + " echoes the request's id. A frame that fails is answered with an \"exception\" frame and the"
                + " connection stays open.\n\nClose codes:\n");
        CLOSE_CODES.forEach((code, meaning) -> b.append("- ").append(code).append(": ").append(meaning).append('\n'));
        return b.toString().strip();
    }

    private static JsonObject channel(Class<?> gateway, WebSocketGateway annotation, List<Method> handlers,
            String key, JsonSchemas schemas, GuardSchemes security, Map<String, JsonObject> operations) {
        PathTemplate path = PathTemplate.parse(annotation.value());
        String channelRef = "#/channels/" + key;
        Map<String, JsonObject> messages = new TreeMap<>();
        messages.put(EXCEPTION, ref("#/components/messages/" + EXCEPTION));

        Map<String, Class<?>> pathParamTypes = new TreeMap<>();
        Map<String, List<EmitsEvent>> emits = new TreeMap<>();
        for (EmitsEvent e : gateway.getAnnotationsByType(EmitsEvent.class)) {
            emits.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(e);
        }
        for (Method method : handlers) {
            for (EmitsEvent e : method.getAnnotationsByType(EmitsEvent.class)) {
                emits.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(e);
            }
            SubscribeMessage text = method.getAnnotation(SubscribeMessage.class);
            String event = text != null ? text.value() : null;
            String messageKey = event == null
                    ? "binary"
                    : SubscribeMessage.ANY.equals(event) ? "any" : key(event);
            String requestKey = unique(messageKey, messages);
            messages.put(requestKey, request(method, event, schemas, pathParamTypes));

            JsonArrayBuilder replies = Json.createArrayBuilder();
            JsonObject reply = reply(method, event, schemas);
            if (reply != null) {
                String replyKey = unique(messageKey + ".reply", messages);
                messages.put(replyKey, reply);
                replies.add(ref(channelRef + "/messages/" + replyKey));
            }
            replies.add(ref(channelRef + "/messages/" + EXCEPTION));
            JsonObjectBuilder op = Json.createObjectBuilder()
                    .add("action", "receive")
                    .add("channel", ref(channelRef))
                    .add("summary", describe(method))
                    .add("messages", Json.createArrayBuilder().add(ref(channelRef + "/messages/" + requestKey)))
                    .add("reply", Json.createObjectBuilder().add("channel", ref(channelRef)).add("messages", replies));
            JsonArray requirements = security.requirements(gateway, method);
            if (requirements != null) {
                op.add("security", requirements);
            }
            rolesAllowed(op, method);
            operations.put(unique(key + "." + messageKey, operations), op.build());
        }
        for (Map.Entry<String, List<EmitsEvent>> e : emits.entrySet()) {
            String emitKey = unique(key(e.getKey()) + ".emit", messages);
            messages.put(emitKey, emitted(e.getKey(), e.getValue(), schemas));
            operations.put(unique(key + ".emit." + key(e.getKey()), operations), Json.createObjectBuilder()
                    .add("action", "send")
                    .add("channel", ref(channelRef))
                    .add("summary", "The gateway emits \"" + e.getKey() + "\"")
                    .add("messages", Json.createArrayBuilder().add(ref(channelRef + "/messages/" + emitKey)))
                    .build());
        }
        operations.put(unique(key + "." + EXCEPTION, operations), Json.createObjectBuilder()
                .add("action", "send")
                .add("channel", ref(channelRef))
                .add("summary", "Error frames: the answer to a frame that failed")
                .add("messages", Json.createArrayBuilder().add(ref(channelRef + "/messages/" + EXCEPTION)))
                .build());

        JsonObjectBuilder c = Json.createObjectBuilder()
                .add("address", path.path())
                .add("title", gateway.getSimpleName())
                .add("description", "The gateway " + gateway.getName() + " at " + path.path())
                .add("messages", object(messages));
        rolesAllowed(c, gateway);
        if (!path.variables().isEmpty()) {
            JsonObjectBuilder parameters = Json.createObjectBuilder();
            for (String variable : path.variables()) {
                JsonObjectBuilder p = Json.createObjectBuilder().add("description",
                        "The path segment {" + variable + "}");
                Class<?> type = pathParamTypes.get(variable);
                if (type != null && type.isEnum()) {
                    JsonArrayBuilder values = Json.createArrayBuilder();
                    for (Object constant : type.getEnumConstants()) {
                        values.add(((Enum<?>) constant).name());
                    }
                    p.add("enum", values);
                }
                parameters.add(variable, p);
            }
            c.add("parameters", parameters);
        }
        return c.build();
    }

    /** The handler methods, as the dispatcher finds them: public, not static, most specific declaration. */
    private static List<Method> handlers(Class<?> gateway) {
        Map<String, Method> bySignature = new TreeMap<>();
        for (Method m : gateway.getMethods()) {
            if (m.isBridge() || m.isSynthetic() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            if (m.isAnnotationPresent(SubscribeMessage.class) || m.isAnnotationPresent(SubscribeBinary.class)) {
                bySignature.putIfAbsent(m.getName() + Arrays.toString(m.getParameterTypes()), m);
            }
        }
        return List.copyOf(bySignature.values());
    }

    /** The message a client sends to a handler: the whole frame, with the handler's data. */
    private static JsonObject request(Method method, String event, JsonSchemas schemas,
            Map<String, Class<?>> pathParamTypes) {
        if (event == null) {
            return Json.createObjectBuilder()
                    .add("name", "binary")
                    .add("summary", describe(method))
                    .add("contentType", "application/octet-stream")
                    .add("payload", Json.createObjectBuilder().add("type", "string").add("format", "binary"))
                    .build();
        }
        JsonObject data = null;
        boolean dataRequired = false;
        JsonObjectBuilder properties = null;
        List<String> requiredProperties = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            Kind kind = ArgumentResolvers.kindOf(p, false);
            if (kind == null) {
                continue;
            }
            List<Annotation> annotations = JsonSchemas.annotations(p);
            switch (kind) {
                case BODY -> {
                    if (p.getType() == Arguments.class) {
                        data = Json.createObjectBuilder().add("type", "array")
                                .add("description", "the message's arguments, in order").build();
                    } else {
                        data = schemas.schema(p.getParameterizedType(), annotations, p.getAnnotatedType());
                    }
                    dataRequired = p.getType().isPrimitive() || JsonSchemas.required(annotations);
                }
                case BODY_PROPERTY -> {
                    if (properties == null) {
                        properties = Json.createObjectBuilder();
                    }
                    String name = p.getAnnotation(MessageBody.class).value();
                    properties.add(name, schemas.schema(p.getParameterizedType(), annotations, p.getAnnotatedType()));
                    if (p.getType().isPrimitive() || JsonSchemas.required(annotations)) {
                        requiredProperties.add(name);
                    }
                }
                case PATH_PARAM -> pathParamTypes.put(p.getAnnotation(PathParam.class).value(), p.getType());
                default -> {
                    // the client, its session: not part of the frame
                }
            }
        }
        if (data == null && properties != null) {
            JsonObjectBuilder d = Json.createObjectBuilder().add("type", "object").add("properties", properties);
            if (!requiredProperties.isEmpty()) {
                d.add("required", Json.createArrayBuilder(requiredProperties));
                dataRequired = true;
            }
            data = d.build();
        }
        JsonObject eventSchema = SubscribeMessage.ANY.equals(event)
                ? Json.createObjectBuilder().add("type", "string")
                        .add("description", "any event that has no handler of its own").build()
                : Json.createObjectBuilder().add("type", "string").add("const", event).build();
        JsonObjectBuilder message = Json.createObjectBuilder()
                .add("name", event)
                .add("summary", describe(method))
                .add("payload", envelope(eventSchema, data, dataRequired, true, false))
                .add("correlationId", correlationId());
        return message.build();
    }

    /** The reply a handler's result becomes; null for a handler that never replies. */
    private static JsonObject reply(Method method, String event, JsonSchemas schemas) {
        Type type = method.getGenericReturnType();
        Class<?> raw = JsonSchemas.raw(type);
        boolean stream = false;
        if (CompletionStage.class.isAssignableFrom(raw)) {
            type = JsonSchemas.argument(type, 0);
            raw = JsonSchemas.raw(type);
        } else if (Flow.Publisher.class.isAssignableFrom(raw)) {
            type = JsonSchemas.argument(type, 0);
            raw = JsonSchemas.raw(type);
            stream = true;
        }
        if (raw == void.class || raw == Void.class) {
            return null;
        }
        JsonObject eventSchema;
        if (raw == WsResponse.class) {
            type = JsonSchemas.argument(type, 0);
            eventSchema = Json.createObjectBuilder().add("type", "string")
                    .add("description", "the event the handler chose (WsResponse)").build();
        } else if (event == null || SubscribeMessage.ANY.equals(event)) {
            eventSchema = Json.createObjectBuilder().add("type", "string")
                    .add("description", event == null ? "\"binary\"" : "the request's event").build();
        } else {
            eventSchema = Json.createObjectBuilder().add("type", "string").add("const", event).build();
        }
        if (event == null && (raw == byte[].class || raw == java.nio.ByteBuffer.class)) {
            return Json.createObjectBuilder()
                    .add("name", "binary")
                    .add("contentType", "application/octet-stream")
                    .add("payload", Json.createObjectBuilder().add("type", "string").add("format", "binary"))
                    .build();
        }
        JsonObject data = schemas.schema(type, List.of());
        JsonObjectBuilder message = Json.createObjectBuilder()
                .add("name", event == null ? "binary" : event)
                .add("summary", (stream ? "The items streamed by " : "The reply of ") + describe(method))
                .add("payload", envelope(eventSchema, data, false, event != null, stream));
        if (event != null) {
            message.add("correlationId", correlationId());
        }
        return message.build();
    }

    private static JsonObject emitted(String event, List<EmitsEvent> declared, JsonSchemas schemas) {
        List<Class<?>> payloads = new ArrayList<>();
        String description = "";
        for (EmitsEvent e : declared) {
            if (!payloads.contains(e.payload())) {
                payloads.add(e.payload());
            }
            if (description.isEmpty()) {
                description = e.description();
            }
        }
        payloads.remove(Void.class);
        JsonObject data = null;
        if (payloads.size() == 1) {
            data = schemas.schema(payloads.get(0), List.of());
        } else if (payloads.size() > 1) {
            JsonArrayBuilder oneOf = Json.createArrayBuilder();
            payloads.forEach(p -> oneOf.add(schemas.schema(p, List.of())));
            data = Json.createObjectBuilder().add("oneOf", oneOf).build();
        }
        JsonObjectBuilder message = Json.createObjectBuilder()
                .add("name", event)
                .add("summary", "Emitted by the gateway: {\"event\":\"" + event + "\",\"data\":...}")
                .add("payload", envelope(Json.createObjectBuilder().add("type", "string").add("const", event)
                        .build(), data, false, false, false));
        if (!description.isEmpty()) {
            message.add("description", description);
        }
        return message.build();
    }

    /** The whole frame: {@code {"event":..., "data":..., "id":...}}. */
    private static JsonObject envelope(JsonObject event, JsonObject data, boolean dataRequired, boolean withId,
            boolean stream) {
        JsonObjectBuilder properties = Json.createObjectBuilder().add("event", event);
        JsonArrayBuilder required = Json.createArrayBuilder().add("event");
        if (data != null) {
            properties.add("data", data);
            if (dataRequired) {
                required.add("data");
            }
        }
        if (withId) {
            properties.add("id", Json.createObjectBuilder()
                    .add("type", Json.createArrayBuilder().add("string").add("number"))
                    .add("description", "correlates the reply and error frames with the request"));
        }
        if (stream) {
            properties.add("end", Json.createObjectBuilder().add("type", "boolean").add("const", true)
                    .add("description", "the stream's last frame, without data"));
        }
        return Json.createObjectBuilder().add("type", "object").add("properties", properties)
                .add("required", required).build();
    }

    private static JsonObject exceptionMessage() {
        JsonObject data = Json.createObjectBuilder()
                .add("anyOf", Json.createArrayBuilder()
                        .add(ref(JsonSchemas.REF_PREFIX + "GatewayError"))
                        .add(Json.createObjectBuilder()
                                .add("description", "the payload of a WsException the handler threw")))
                .build();
        return Json.createObjectBuilder()
                .add("name", EXCEPTION)
                .add("title", "Error frame")
                .add("summary", "The answer to a frame that failed; the connection stays open")
                .add("payload", envelope(Json.createObjectBuilder().add("type", "string").add("const", EXCEPTION)
                        .build(), data, true, true, false))
                .add("correlationId", correlationId())
                .build();
    }

    private static JsonObject gatewayError() {
        JsonArrayBuilder codes = Json.createArrayBuilder();
        ERROR_CODES.forEach(codes::add);
        JsonObject violation = Json.createObjectBuilder().add("type", "object")
                .add("properties", Json.createObjectBuilder()
                        .add("path", Json.createObjectBuilder().add("type", "string")
                                .add("description", "data, data.<property>[<index>]... or path.<variable>"))
                        .add("message", Json.createObjectBuilder().add("type", "string")))
                .add("required", Json.createArrayBuilder().add("path").add("message"))
                .build();
        return Json.createObjectBuilder().add("type", "object")
                .add("properties", Json.createObjectBuilder()
                        .add("status", Json.createObjectBuilder().add("type", "string").add("const", "error"))
                        .add("code", Json.createObjectBuilder().add("type", "string").add("enum", codes))
                        .add("message", Json.createObjectBuilder().add("type", "string"))
                        .add("violations", Json.createObjectBuilder().add("type", "array").add("items", violation)
                                .add("description", "with VALIDATION_FAILED: what does not fit, and where")))
                .add("required", Json.createArrayBuilder().add("status").add("message"))
                .build();
    }

    private static JsonObject correlationId() {
        return Json.createObjectBuilder().add("description", "the frame's id, echoed in its reply and error frames")
                .add("location", CORRELATION).build();
    }

    private static JsonObject ref(String to) {
        return Json.createObjectBuilder().add("$ref", to).build();
    }

    private static JsonObject object(Map<String, JsonObject> members) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        members.forEach(b::add);
        return b.build();
    }

    /** A key AsyncAPI accepts ({@code [A-Za-z0-9_.-]}) for a name that may hold other characters. */
    static String key(String name) {
        String k = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return k.isEmpty() ? "_" : k;
    }

    private static String unique(String key, Map<String, ?> taken) {
        String k = key;
        for (int i = 2; taken.containsKey(k); i++) {
            k = key + "_" + i;
        }
        return k;
    }

    private static String describe(Method m) {
        StringBuilder b = new StringBuilder(m.getDeclaringClass().getSimpleName()).append('#').append(m.getName())
                .append('(');
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            b.append(i > 0 ? ", " : "").append(types[i].getSimpleName());
        }
        return b.append(')').toString();
    }

    private static Map<String, String> closeCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("1000", "normal closure: GatewayClient.close()");
        codes.put("1001", "going away: the application stops (undeploy, shutdown)");
        codes.put("1003", "unsupported data: a binary frame reached a gateway without @SubscribeBinary");
        codes.put("1008", "policy violation: the page's origin is not allowed");
        codes.put("1009", "message too big: over the gateway's maxMessageSize");
        codes.put("1011", "internal error: handleConnection threw, or a write to the client failed");
        codes.put("1013", "try again later: the client's outbound buffer overflowed (slow consumer)");
        codes.put("4401", "not authenticated: a connection guard threw UnauthorizedException");
        codes.put("4403", "forbidden: a connection guard refused the connection");
        codes.put("4429", "rate limited: more than maxMessagesPerSecond");
        return java.util.Collections.unmodifiableMap(codes);
    }
}
