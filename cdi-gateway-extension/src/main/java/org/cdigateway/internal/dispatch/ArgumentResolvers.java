package org.cdigateway.internal.dispatch;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;

import org.cdigateway.Arguments;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.deployment.DeploymentProblems;
import org.cdigateway.internal.deployment.GatewayMessages;
import org.cdigateway.internal.json.JsonCodec;

/**
 * Checks each handler parameter at deployment and builds the resolver that serves it: one place per parameter kind
 * both validates and resolves, so the two cannot drift apart.
 */
public final class ArgumentResolvers {

    private ArgumentResolvers() {}

    /** What a parameter binds to; used to find a second whole body. */
    public enum Kind {
        BODY, BODY_PROPERTY, CLIENT, SESSION, PATH_PARAM, BINARY
    }

    /** A checked parameter: its kind and its resolver (null when a problem was recorded). */
    public record Resolved(Kind kind, ArgumentResolver resolver) {}

    /**
     * Checks one parameter and builds its resolver; records a problem and returns null when it cannot be served.
     *
     * @param binaryHandler whether the method handles binary frames
     */
    public static Resolved forParameter(AnnotatedParameter<?> parameter, boolean binaryHandler,
            PathTemplate path, JsonCodec json, DeploymentProblems problems) {
        Method method = (Method) parameter.getJavaParameter().getDeclaringExecutable();
        int index = parameter.getPosition();
        Type type = parameter.getBaseType();
        Class<?> raw = parameter.getJavaParameter().getType();
        MessageBody body = parameter.getAnnotation(MessageBody.class);
        ConnectedSocket socket = parameter.getAnnotation(ConnectedSocket.class);
        PathParam pathParam = parameter.getAnnotation(PathParam.class);

        int annotations = (body != null ? 1 : 0) + (socket != null ? 1 : 0) + (pathParam != null ? 1 : 0);
        if (annotations > 1) {
            problems.add(GatewayMessages.unsupportedParameter(method, index,
                    "has more than one of @MessageBody, @ConnectedSocket and @PathParam"));
            return null;
        }
        if (socket != null || (annotations == 0 && (raw == GatewayClient.class || raw == Session.class))) {
            if (raw == GatewayClient.class) {
                return new Resolved(Kind.CLIENT, (frame, binary, client) -> client);
            }
            if (raw == Session.class) {
                return new Resolved(Kind.SESSION, (frame, binary, client) -> client.session());
            }
            problems.add(GatewayMessages.unsupportedParameter(method, index,
                    "is @ConnectedSocket but its type is " + raw.getSimpleName()
                            + "; use GatewayClient or jakarta.websocket.Session"));
            return null;
        }
        if (pathParam != null) {
            return pathParameter(method, index, pathParam.value(), raw, path, problems);
        }
        if (binaryHandler) {
            if (body != null && !body.value().isEmpty()) {
                problems.add(GatewayMessages.unsupportedParameter(method, index,
                        "is @MessageBody(\"" + body.value() + "\") in a @SubscribeBinary handler, whose frames have"
                                + " no properties; take the payload as byte[] or ByteBuffer"));
                return null;
            }
            if (raw == byte[].class) {
                return new Resolved(Kind.BINARY, (frame, binary, client) -> {
                    ByteBuffer b = binary.duplicate();
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    return bytes;
                });
            }
            if (raw == ByteBuffer.class) {
                return new Resolved(Kind.BINARY, (frame, binary, client) -> binary.asReadOnlyBuffer());
            }
            problems.add(GatewayMessages.unsupportedParameter(method, index,
                    "is the payload of a @SubscribeBinary handler but its type is " + raw.getSimpleName()
                            + "; use byte[] or ByteBuffer"));
            return null;
        }
        if (raw == Arguments.class && (body == null || body.value().isEmpty())) {
            return new Resolved(Kind.BODY, (DataReader) (frame, binary, client) -> new Arguments(
                    frame.argumentList()));
        }
        if (body != null && !body.value().isEmpty()) {
            return new Resolved(Kind.BODY_PROPERTY, property(body.value(), type, raw, json));
        }
        return new Resolved(Kind.BODY, wholeBody(type, raw, json));
    }

    /**
     * The kind of a parameter as {@link #forParameter} binds it, read from the method alone (no container), for tools
     * that describe gateways; null when {@code forParameter} would refuse the parameter. Keep the two in step.
     *
     * @param binaryHandler whether the method handles binary frames
     */
    public static Kind kindOf(java.lang.reflect.Parameter parameter, boolean binaryHandler) {
        Class<?> raw = parameter.getType();
        MessageBody body = parameter.getAnnotation(MessageBody.class);
        ConnectedSocket socket = parameter.getAnnotation(ConnectedSocket.class);
        PathParam pathParam = parameter.getAnnotation(PathParam.class);
        int annotations = (body != null ? 1 : 0) + (socket != null ? 1 : 0) + (pathParam != null ? 1 : 0);
        if (annotations > 1) {
            return null;
        }
        if (socket != null || (annotations == 0 && (raw == GatewayClient.class || raw == Session.class))) {
            return raw == GatewayClient.class ? Kind.CLIENT : raw == Session.class ? Kind.SESSION : null;
        }
        if (pathParam != null) {
            return Kind.PATH_PARAM;
        }
        if (binaryHandler) {
            boolean whole = body == null || body.value().isEmpty();
            return whole && (raw == byte[].class || raw == ByteBuffer.class) ? Kind.BINARY : null;
        }
        return body != null && !body.value().isEmpty() ? Kind.BODY_PROPERTY : Kind.BODY;
    }

    /** A resolver that reads the frame's data; the others read the client, its session or its path. */
    interface DataReader extends ArgumentResolver {}

    /** The resolver of a parameter that takes the whole data. */
    public static ArgumentResolver wholeBody(Type type, Class<?> raw, JsonCodec json) {
        return new WholeBody(type, raw, json);
    }

    /**
     * The whole data as a parameter: decoded from the frame's data, or, when the frame's reader decoded it for this
     * very resolver as it read the frame ({@link InboundFrame#decoded()}), that value.
     */
    public static final class WholeBody implements DataReader {

        private final Type type;
        private final Class<?> raw;
        private final JsonCodec json;
        private final boolean fromParser;

        WholeBody(Type type, Class<?> raw, JsonCodec json) {
            this.type = type;
            this.raw = raw;
            this.json = json;
            this.fromParser = json.decodesFromParser() && !JsonValue.class.isAssignableFrom(raw);
        }

        /** The parameter's type. */
        public Type type() {
            return type;
        }

        /**
         * Whether an array or object data can be decoded straight from the frame's parser
         * ({@link JsonCodec#decodeStructure}): with Yasson, for a type other than a JSON-P value.
         */
        public boolean decodesFromParser() {
            return fromParser;
        }

        @Override
        public Object resolve(InboundFrame frame, ByteBuffer binary, SessionClient client)
                throws InvalidBodyException {
            InboundFrame.Decoded decoded = frame.decoded();
            if (decoded != null && decoded.resolver() == this) {
                return decoded.value();
            }
            return frame.attachments().isEmpty()
                    ? decode(json, frame.data(), type, raw, "data")
                    : decodeAttached(json, frame.data(), frame.attachments(), type, raw, "data");
        }
    }

    private static ArgumentResolver property(String name, Type type, Class<?> raw, JsonCodec json) {
        String where = "data." + name;
        return (DataReader) (frame, binary, client) -> {
            JsonValue data = frame.data();
            JsonValue value;
            if (data instanceof JsonObject o) {
                value = o.getOrDefault(name, JsonValue.NULL);
            } else if (data == JsonValue.NULL) {
                value = JsonValue.NULL;
            } else {
                throw new InvalidBodyException("data", "must be an object with the property '" + name + "'", null);
            }
            return frame.attachments().isEmpty()
                    ? decode(json, value, type, raw, where)
                    : decodeAttached(json, value, frame.attachments(), type, raw, where);
        };
    }

    /**
     * A value of a message with binary attachments: a placeholder for a {@code byte[]}, {@code ByteBuffer} or
     * {@code Object} is its attachment; elsewhere each attachment is read as JSON-B reads a {@code byte[]}.
     */
    private static Object decodeAttached(JsonCodec json, JsonValue value, List<byte[]> attachments, Type type,
            Class<?> raw, String where) throws InvalidBodyException {
        if (Attachments.isPlaceholder(value)) {
            byte[] bytes;
            try {
                bytes = Attachments.of(value, attachments);
            } catch (RuntimeException e) {
                throw new InvalidBodyException(where, "refers to an attachment that did not come", e);
            }
            if (raw == byte[].class || raw == Object.class) {
                return bytes;
            }
            if (raw == ByteBuffer.class) {
                return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            }
        }
        JsonValue inlined;
        try {
            inlined = Attachments.inline(value, attachments);
        } catch (RuntimeException e) {
            throw new InvalidBodyException(where, "refers to an attachment that did not come", e);
        }
        return decode(json, inlined, type, raw, where);
    }

    private static Object decode(JsonCodec json, JsonValue value, Type type, Class<?> raw, String where)
            throws InvalidBodyException {
        if (value == JsonValue.NULL && raw.isPrimitive()) {
            throw new InvalidBodyException(where, "is required", null);
        }
        try {
            return json.decode(value, type);
        } catch (RuntimeException | StackOverflowError e) {
            // JsonbException, ArithmeticException, ... and what a JSON implementation throws past its own limits (a
            // number of thousands of digits, recursion): all bad data
            throw new InvalidBodyException(where, "cannot be read as " + describe(type), e);
        }
    }

    private static String describe(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName().replaceAll("[a-z0-9_$]+\\.", "");
    }

    private static Resolved pathParameter(Method method, int index, String name, Class<?> raw, PathTemplate path,
            DeploymentProblems problems) {
        if (!path.variables().contains(name)) {
            problems.add(GatewayMessages.pathParamNotInPath(method, index, name, path.path(), path.variables()));
            return null;
        }
        Function<String, Object> converter = converter(raw);
        if (converter == null) {
            problems.add(GatewayMessages.unsupportedParameter(method, index, "is @PathParam(\"" + name
                    + "\") of type " + raw.getSimpleName()
                    + ", which a path segment cannot be converted to; use String, a primitive, its wrapper, UUID"
                    + " or an enum"));
            return null;
        }
        String where = "path." + name;
        return new Resolved(Kind.PATH_PARAM, (frame, binary, client) -> {
            String value = client.pathParam(name);
            try {
                return value == null ? null : converter.apply(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidBodyException(where, "'" + value + "' cannot be read as " + raw.getSimpleName(), e);
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<String, Object> converter(Class<?> raw) {
        if (raw == String.class) {
            return s -> s;
        }
        if (raw == int.class || raw == Integer.class) {
            return Integer::valueOf;
        }
        if (raw == long.class || raw == Long.class) {
            return Long::valueOf;
        }
        if (raw == short.class || raw == Short.class) {
            return Short::valueOf;
        }
        if (raw == byte.class || raw == Byte.class) {
            return Byte::valueOf;
        }
        if (raw == double.class || raw == Double.class) {
            return Double::valueOf;
        }
        if (raw == float.class || raw == Float.class) {
            return Float::valueOf;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return s -> {
                if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(s);
                }
                throw new IllegalArgumentException(s);
            };
        }
        if (raw == char.class || raw == Character.class) {
            return s -> {
                if (s.length() != 1) {
                    throw new IllegalArgumentException(s);
                }
                return s.charAt(0);
            };
        }
        if (raw == UUID.class) {
            return UUID::fromString;
        }
        if (raw.isEnum()) {
            Class<? extends Enum> e = (Class<? extends Enum>) raw;
            return s -> Enum.valueOf(e, s);
        }
        return null;
    }
}
