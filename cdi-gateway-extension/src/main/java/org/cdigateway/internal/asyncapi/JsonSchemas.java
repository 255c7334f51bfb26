package org.cdigateway.internal.asyncapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * JSON Schemas of the Java types that JSON-B reads and writes, as the AsyncAPI document shows them: plain types inline,
 * records, classes and enums once each under {@code components/schemas}, referred to with {@code $ref}. Reads
 * {@code @JsonbProperty}, {@code @JsonbTransient}, JSON-B 3 polymorphism ({@code @JsonbTypeInfo}) and the Bean
 * Validation constraints that have a JSON Schema counterpart.
 *
 * <p>
 * Works from the classes alone: Bean Validation is optional in this jar, so its annotations are recognized by name and
 * read reflectively, and nothing here needs a running container or JSON-B implementation.
 */
final class JsonSchemas {

    /** Where component schemas are referred to from. */
    static final String REF_PREFIX = "#/components/schemas/";

    private static final String BV = "jakarta.validation.constraints.";

    private final Map<String, JsonObject> components = new TreeMap<>();
    private final Map<String, String> nameByType = new HashMap<>();
    private final Set<String> names = new TreeSet<>();

    /** The component schemas made so far, by name. */
    Map<String, JsonObject> components() {
        return components;
    }

    /** The schema of a value of {@code type}, constrained by the annotations of the elements that declare it. */
    JsonObject schema(Type type, List<Annotation> constraints) {
        return schema(type, constraints, null);
    }

    /**
     * The schema of a value of {@code type}, constrained by the annotations of the elements that declare it and, when
     * {@code annotated} is given, by those on its type arguments ({@code List<@NotBlank String>}).
     */
    JsonObject schema(Type type, List<Annotation> constraints, AnnotatedType annotated) {
        return constrained(schema(type, Map.of()), type, constraints, annotated);
    }

    private static JsonObject constrained(JsonObject schema, Type type, List<Annotation> constraints,
            AnnotatedType annotated) {
        JsonObjectBuilder b = Json.createObjectBuilder(schema);
        Kind kind = kindOf(type);
        for (Annotation a : constraints) {
            constrain(b, a, kind);
        }
        return annotated == null ? b.build() : elements(b.build(), annotated);
    }

    /** Adds the constraints on the element type of an array, a collection, a map's values or an Optional. */
    private static JsonObject elements(JsonObject schema, AnnotatedType annotated) {
        AnnotatedType element;
        String member;
        if (annotated instanceof AnnotatedArrayType a) {
            element = a.getAnnotatedGenericComponentType();
            member = "items";
        } else if (annotated instanceof AnnotatedParameterizedType p) {
            AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
            Class<?> raw = raw(p.getType());
            if (raw == Optional.class && args.length == 1) {
                return constrained(schema, args[0].getType(), Arrays.asList(args[0].getAnnotations()), args[0]);
            } else if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
                element = args[0];
                member = "items";
            } else if (Map.class.isAssignableFrom(raw) && args.length == 2) {
                element = args[1];
                member = "additionalProperties";
            } else {
                return schema;
            }
        } else {
            return schema;
        }
        JsonValue sub = schema.get(member);
        if (!(sub instanceof JsonObject items) || items.containsKey("$ref")) {
            return schema;
        }
        JsonObject constrainedItems = constrained(items, element.getType(), Arrays.asList(element.getAnnotations()),
                element);
        return constrainedItems.equals(items)
                ? schema
                : Json.createObjectBuilder(schema).add(member, constrainedItems).build();
    }

    /** Whether the annotations make a value required: {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}. */
    static boolean required(List<Annotation> annotations) {
        for (Annotation a : annotations) {
            String n = a.annotationType().getName();
            if ((n.equals(BV + "NotNull") || n.equals(BV + "NotBlank") || n.equals(BV + "NotEmpty"))
                    && inDefaultGroup(a)) {
                return true;
            }
        }
        return false;
    }

    /** The annotations of the given elements, in order, skipping nulls. */
    static List<Annotation> annotations(AnnotatedElement... elements) {
        List<Annotation> all = new ArrayList<>();
        for (AnnotatedElement e : elements) {
            if (e != null) {
                all.addAll(Arrays.asList(e.getAnnotations()));
            }
        }
        return all;
    }

    private enum Kind {
        STRING, NUMBER, ARRAY, MAP, OTHER
    }

    private static Kind kindOf(Type type) {
        Class<?> raw = raw(type);
        if (raw == Optional.class && type instanceof ParameterizedType p) {
            return kindOf(p.getActualTypeArguments()[0]);
        }
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return Kind.STRING;
        }
        if (raw.isPrimitive() && raw != boolean.class || Number.class.isAssignableFrom(raw)) {
            return Kind.NUMBER;
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return Kind.ARRAY;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Kind.MAP;
        }
        return Kind.OTHER;
    }

    private JsonObject schema(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound != null ? schema(bound, Map.of()) : JsonValue.EMPTY_JSON_OBJECT;
        }
        if (type instanceof WildcardType w) {
            Type[] upper = w.getUpperBounds();
            return upper.length == 1 ? schema(upper[0], bindings) : JsonValue.EMPTY_JSON_OBJECT;
        }
        if (type instanceof GenericArrayType g) {
            return array(schema(g.getGenericComponentType(), bindings), false);
        }
        if (type instanceof ParameterizedType p && hasVariables(p)) {
            type = substitute(p, bindings);
        }
        Class<?> raw = raw(type);
        JsonObject simple = simple(raw);
        if (simple != null) {
            return simple;
        }
        if (raw == Optional.class || raw == java.util.concurrent.atomic.AtomicReference.class) {
            return schema(argument(type, 0), bindings);
        }
        if (raw.isArray()) {
            return array(schema(raw.getComponentType(), bindings), false);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return array(schema(argument(type, 0), bindings), Set.class.isAssignableFrom(raw));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Json.createObjectBuilder().add("type", "object")
                    .add("additionalProperties", schema(argument(type, 1), bindings)).build();
        }
        if (raw == Object.class || raw.isInterface() && typeInfo(raw) == null || raw.getName().startsWith("java.")) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return ref(type, raw);
    }

    /** A type JSON-B writes as one JSON value of its own: null for records, classes, collections... */
    private static JsonObject simple(Class<?> raw) {
        if (raw == String.class) {
            return type("string");
        }
        if (raw == char.class || raw == Character.class) {
            return Json.createObjectBuilder().add("type", "string").add("minLength", 1).add("maxLength", 1).build();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return type("boolean");
        }
        if (raw == int.class || raw == Integer.class) {
            return Json.createObjectBuilder().add("type", "integer").add("format", "int32").build();
        }
        if (raw == long.class || raw == Long.class) {
            return Json.createObjectBuilder().add("type", "integer").add("format", "int64").build();
        }
        if (raw == short.class || raw == Short.class) {
            return Json.createObjectBuilder().add("type", "integer").add("minimum", Short.MIN_VALUE)
                    .add("maximum", Short.MAX_VALUE).build();
        }
        if (raw == byte.class || raw == Byte.class) {
            return Json.createObjectBuilder().add("type", "integer").add("minimum", Byte.MIN_VALUE)
                    .add("maximum", Byte.MAX_VALUE).build();
        }
        if (raw == BigInteger.class || raw == OptionalInt.class || raw == OptionalLong.class) {
            return type("integer");
        }
        if (raw == float.class || raw == Float.class) {
            return Json.createObjectBuilder().add("type", "number").add("format", "float").build();
        }
        if (raw == double.class || raw == Double.class) {
            return Json.createObjectBuilder().add("type", "number").add("format", "double").build();
        }
        if (raw == BigDecimal.class || raw == OptionalDouble.class || raw == Number.class) {
            return type("number");
        }
        if (raw == UUID.class) {
            return format("uuid");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class || raw == Date.class
                || Calendar.class.isAssignableFrom(raw)) {
            return format("date-time");
        }
        if (raw == LocalDate.class) {
            return format("date");
        }
        if (raw == LocalTime.class || raw == OffsetTime.class) {
            return format("time");
        }
        if (raw == Duration.class || raw == Period.class) {
            return format("duration");
        }
        if (raw == LocalDateTime.class) {
            return Json.createObjectBuilder().add("type", "string")
                    .add("description", "a local date and time without offset, ISO-8601: 2024-05-01T10:15:30")
                    .build();
        }
        if (raw == URI.class || raw == URL.class) {
            return format("uri");
        }
        if (ZoneId.class.isAssignableFrom(raw)) {
            return type("string");
        }
        if (raw == JsonObject.class) {
            return type("object");
        }
        if (raw == JsonArray.class) {
            return type("array");
        }
        if (raw == JsonString.class) {
            return type("string");
        }
        if (raw == JsonNumber.class) {
            return type("number");
        }
        if (raw == JsonValue.class || raw == JsonStructure.class) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return null;
    }

    private JsonObject ref(Type type, Class<?> raw) {
        String key = type.getTypeName();
        String name = nameByType.get(key);
        if (name == null) {
            name = uniqueName(type, raw);
            nameByType.put(key, name);
            components.put(name, JsonValue.EMPTY_JSON_OBJECT); // placeholder: a type may refer to itself
            components.put(name, component(type, raw));
        }
        return Json.createObjectBuilder().add("$ref", REF_PREFIX + name).build();
    }

    private String uniqueName(Type type, Class<?> raw) {
        String base = displayName(type).replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base;
        if (!names.add(name)) {
            name = raw.getName().replace('$', '.') + displayName(type).substring(raw.getSimpleName().length());
            name = name.replaceAll("[^A-Za-z0-9._-]", "_");
            for (int i = 2; !names.add(name); i++) {
                name = base + "_" + i;
            }
        }
        return name;
    }

    /** {@code Page<ChatMessage>} → {@code PageOfChatMessage}. */
    private static String displayName(Type type) {
        if (type instanceof ParameterizedType p) {
            StringBuilder b = new StringBuilder(raw(p).getSimpleName());
            String sep = "Of";
            for (Type a : p.getActualTypeArguments()) {
                b.append(sep).append(displayName(a));
                sep = "And";
            }
            return b.toString();
        }
        return type instanceof Class<?> c ? c.getSimpleName() : "Object";
    }

    private JsonObject component(Type type, Class<?> raw) {
        if (raw.isEnum()) {
            JsonArrayBuilder values = Json.createArrayBuilder();
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return Json.createObjectBuilder().add("type", "string").add("enum", values).build();
        }
        JsonbTypeInfo info = raw.getAnnotation(JsonbTypeInfo.class);
        if (info != null && info.value().length > 0) {
            JsonArrayBuilder oneOf = Json.createArrayBuilder();
            for (JsonbSubtype subtype : info.value()) {
                oneOf.add(schema(subtype.type(), Map.of()));
            }
            return Json.createObjectBuilder().add("type", "object").add("oneOf", oneOf)
                    .add("discriminator", info.key()).build();
        }
        return bean(type, raw);
    }

    /** The properties of a record or class, named and filtered as JSON-B does by default. */
    private JsonObject bean(Type type, Class<?> raw) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], p.getActualTypeArguments()[i]);
            }
        }
        Map<String, Property> properties = raw.isRecord() ? recordProperties(raw) : classProperties(raw);
        JsonObjectBuilder props = Json.createObjectBuilder();
        List<String> required = new ArrayList<>();
        String[] alias = alias(raw);
        if (alias != null) {
            props.add(alias[0], Json.createObjectBuilder().add("type", "string").add("const", alias[1]));
            required.add(alias[0]);
        }
        for (Map.Entry<String, Property> e : new TreeMap<>(properties).entrySet()) {
            Property p = e.getValue();
            Type t = resolve(p.type(), bindings);
            props.add(e.getKey(), constrained(schema(t, bindings), t, p.annotations(), p.annotated()));
            if (required(p.annotations())) {
                required.add(e.getKey());
            }
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", "object").add("properties", props);
        if (!required.isEmpty()) {
            b.add("required", Json.createArrayBuilder(required));
        }
        return b.build();
    }

    private record Property(Type type, List<Annotation> annotations, AnnotatedType annotated) {}

    private static Map<String, Property> recordProperties(Class<?> raw) {
        Map<String, Property> properties = new LinkedHashMap<>();
        for (RecordComponent c : raw.getRecordComponents()) {
            Field field = field(raw, c.getName());
            List<Annotation> annotations = annotations(c.getAccessor(), field);
            if (has(annotations, JsonbTransient.class)) {
                continue;
            }
            properties.put(name(c.getName(), annotations),
                    new Property(c.getGenericType(), annotations, c.getAnnotatedType()));
        }
        return properties;
    }

    private static Map<String, Property> classProperties(Class<?> raw) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
                    fields.putIfAbsent(f.getName(), f);
                }
            }
        }
        Map<String, Method> getters = new TreeMap<>();
        Map<String, Method> setters = new TreeMap<>();
        for (Method m : raw.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class || m.isBridge()) {
                continue;
            }
            String n = m.getName();
            if (m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                if (n.startsWith("get") && n.length() > 3) {
                    getters.put(decapitalize(n.substring(3)), m);
                } else if (n.startsWith("is") && n.length() > 2
                        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
                    getters.put(decapitalize(n.substring(2)), m);
                }
            } else if (m.getParameterCount() == 1 && n.startsWith("set") && n.length() > 3) {
                setters.put(decapitalize(n.substring(3)), m);
            }
        }
        Set<String> all = new TreeSet<>(getters.keySet());
        all.addAll(setters.keySet());
        fields.forEach((n, f) -> {
            if (Modifier.isPublic(f.getModifiers())) {
                all.add(n);
            }
        });
        Map<String, Property> properties = new LinkedHashMap<>();
        for (String n : all) {
            Field f = fields.get(n);
            Method getter = getters.get(n);
            Method setter = setters.get(n);
            List<Annotation> annotations = annotations(f, getter, setter);
            if (has(annotations, JsonbTransient.class)) {
                continue;
            }
            Type type = f != null
                    ? f.getGenericType()
                    : getter != null ? getter.getGenericReturnType() : setter.getGenericParameterTypes()[0];
            AnnotatedType annotated = f != null
                    ? f.getAnnotatedType()
                    : getter != null ? getter.getAnnotatedReturnType() : setter.getAnnotatedParameterTypes()[0];
            properties.put(name(n, annotations), new Property(type, annotations, annotated));
        }
        return properties;
    }

    /** The discriminator property and value of a subtype named by a supertype's {@code @JsonbTypeInfo}. */
    private static String[] alias(Class<?> raw) {
        List<Class<?>> supertypes = new ArrayList<>(Arrays.asList(raw.getInterfaces()));
        if (raw.getSuperclass() != null) {
            supertypes.add(raw.getSuperclass());
        }
        for (Class<?> s : supertypes) {
            JsonbTypeInfo info = s.getAnnotation(JsonbTypeInfo.class);
            if (info != null) {
                for (JsonbSubtype subtype : info.value()) {
                    if (subtype.type() == raw) {
                        return new String[]{info.key(), subtype.alias()};
                    }
                }
            }
            String[] inherited = alias(s);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    private static JsonbTypeInfo typeInfo(Class<?> raw) {
        return raw.getAnnotation(JsonbTypeInfo.class);
    }

    private static String name(String javaName, List<Annotation> annotations) {
        for (Annotation a : annotations) {
            if (a instanceof JsonbProperty p && !p.value().isEmpty()) {
                return p.value();
            }
        }
        return javaName;
    }

    private static boolean has(List<Annotation> annotations, Class<? extends Annotation> type) {
        return annotations.stream().anyMatch(type::isInstance);
    }

    private static Field field(Class<?> raw, String name) {
        try {
            return raw.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1)) && Character.isUpperCase(s.charAt(0))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Adds what a Bean Validation constraint says about a value of the given kind. */
    private static void constrain(JsonObjectBuilder b, Annotation a, Kind kind) {
        String n = a.annotationType().getName();
        if (!n.startsWith(BV) || !inDefaultGroup(a)) {
            return;
        }
        switch (n.substring(BV.length())) {
            case "NotBlank" -> {
                b.add("minLength", 1);
                b.add("pattern", "\\S");
            }
            case "NotEmpty" -> {
                switch (kind) {
                    case STRING -> b.add("minLength", 1);
                    case ARRAY -> b.add("minItems", 1);
                    case MAP -> b.add("minProperties", 1);
                    default -> {
                    }
                }
            }
            case "Size" -> {
                int min = (Integer) attribute(a, "min");
                int max = (Integer) attribute(a, "max");
                String suffix = switch (kind) {
                    case STRING -> "Length";
                    case ARRAY -> "Items";
                    case MAP -> "Properties";
                    default -> null;
                };
                if (suffix != null) {
                    if (min > 0) {
                        b.add("min" + suffix, min);
                    }
                    if (max < Integer.MAX_VALUE) {
                        b.add("max" + suffix, max);
                    }
                }
            }
            case "Min" -> b.add("minimum", (Long) attribute(a, "value"));
            case "Max" -> b.add("maximum", (Long) attribute(a, "value"));
            case "DecimalMin" -> b.add((Boolean) attribute(a, "inclusive") ? "minimum" : "exclusiveMinimum",
                    new BigDecimal((String) attribute(a, "value")));
            case "DecimalMax" -> b.add((Boolean) attribute(a, "inclusive") ? "maximum" : "exclusiveMaximum",
                    new BigDecimal((String) attribute(a, "value")));
            case "Positive" -> b.add("exclusiveMinimum", 0);
            case "PositiveOrZero" -> b.add("minimum", 0);
            case "Negative" -> b.add("exclusiveMaximum", 0);
            case "NegativeOrZero" -> b.add("maximum", 0);
            case "Pattern" -> b.add("pattern", (String) attribute(a, "regexp"));
            case "Email" -> {
                b.add("format", "email");
                String regexp = (String) attribute(a, "regexp");
                if (!".*".equals(regexp)) {
                    b.add("pattern", regexp);
                }
            }
            case "AssertTrue" -> b.add("const", true);
            case "AssertFalse" -> b.add("const", false);
            default -> {
                // no JSON Schema counterpart (@Past, @Future, @Digits ...)
            }
        }
    }

    /**
     * Whether a constraint belongs to the {@code Default} group, the one the gateway validates with: constraints of
     * other groups are not checked, so they are not in the schema.
     */
    private static boolean inDefaultGroup(Annotation a) {
        Class<?>[] groups = (Class<?>[]) attribute(a, "groups");
        if (groups.length == 0) {
            return true;
        }
        for (Class<?> g : groups) {
            if (g.getName().equals("jakarta.validation.groups.Default")) {
                return true;
            }
        }
        return false;
    }

    private static Object attribute(Annotation a, String name) {
        try {
            return a.annotationType().getMethod(name).invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + a + "." + name, e);
        }
    }

    private static JsonObject type(String type) {
        return Json.createObjectBuilder().add("type", type).build();
    }

    private static JsonObject format(String format) {
        return Json.createObjectBuilder().add("type", "string").add("format", format).build();
    }

    private static JsonObject array(JsonObject items, boolean unique) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", "array").add("items", items);
        if (unique) {
            b.add("uniqueItems", true);
        }
        return b.build();
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    /** The {@code index}th type argument of a parameterized type; {@code Object} when raw. */
    static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v && bindings.containsKey(v)) {
            return bindings.get(v);
        }
        if (type instanceof ParameterizedType p && hasVariables(p)) {
            return substitute(p, bindings);
        }
        return type;
    }

    private static boolean hasVariables(ParameterizedType p) {
        for (Type a : p.getActualTypeArguments()) {
            if (a instanceof TypeVariable<?> || a instanceof ParameterizedType q && hasVariables(q)) {
                return true;
            }
        }
        return false;
    }

    private static Type substitute(ParameterizedType p, Map<TypeVariable<?>, Type> bindings) {
        Type[] args = p.getActualTypeArguments().clone();
        for (int i = 0; i < args.length; i++) {
            Type a = args[i];
            if (a instanceof TypeVariable<?> v) {
                args[i] = bindings.getOrDefault(v, Object.class);
            } else if (a instanceof ParameterizedType q) {
                args[i] = substitute(q, bindings);
            }
        }
        return new Parameterized((Class<?>) p.getRawType(), args);
    }

    /** A parameterized type with its variables replaced. */
    private record Parameterized(Class<?> rawType, Type[] arguments) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return rawType;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public String getTypeName() {
            StringBuilder b = new StringBuilder(rawType.getName()).append('<');
            for (int i = 0; i < arguments.length; i++) {
                b.append(i > 0 ? "," : "").append(arguments[i].getTypeName());
            }
            return b.append('>').toString();
        }
    }
}
