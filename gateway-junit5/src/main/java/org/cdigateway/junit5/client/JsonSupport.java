package org.cdigateway.junit5.client;

import java.io.StringReader;
import java.lang.reflect.Type;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;

/** Shared JSON-P provider and JSON-B instance (both thread-safe, created once). */
final class JsonSupport {

    private JsonSupport() {}

    /** Looked up once: {@code Json.createXxx} would run the service lookup on every call. */
    static final JsonProvider PROVIDER = JsonProvider.provider();

    /** Created lazily: starting Yasson costs some time and only tests that send or decode data need it. */
    private static final class Binding {

        static final Jsonb JSONB = JsonbBuilder.create();
    }

    static JsonValue parse(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** JSON string literal for {@code s}, quoted and escaped. */
    static String quote(String s) {
        return PROVIDER.createValue(s).toString();
    }

    /** JSON text for {@code data}: {@code null} is JSON null, JSON-P values as they are, anything else via JSON-B. */
    static String toJson(Object data) {
        if (data == null) {
            return "null";
        }
        if (data instanceof JsonValue value) {
            return value.toString();
        }
        return Binding.JSONB.toJson(data);
    }

    static <T> T fromJson(JsonValue value, Type type) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return Binding.JSONB.fromJson(value.toString(), type);
    }
}
