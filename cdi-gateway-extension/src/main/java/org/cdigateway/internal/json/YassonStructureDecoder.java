package org.cdigateway.internal.json;

import java.lang.reflect.Type;

import jakarta.json.JsonStructure;
import jakarta.json.bind.Jsonb;
import jakarta.json.stream.JsonParser;

import org.eclipse.yasson.YassonJsonb;

/** Loaded only when Yasson is visible to the application: decodes JSON-P structures without re-printing them. */
final class YassonStructureDecoder implements JsonCodec.StructureDecoder {

    private final YassonJsonb yasson;

    private YassonStructureDecoder(YassonJsonb yasson) {
        this.yasson = yasson;
    }

    static JsonCodec.StructureDecoder forJsonb(Jsonb jsonb) {
        return jsonb instanceof YassonJsonb y ? new YassonStructureDecoder(y) : null;
    }

    @Override
    public <T> T decode(JsonStructure structure, Type type) {
        return yasson.fromJsonStructure(structure, type);
    }

    /** Yasson reads the value from the parser's next event on (a new context has read no event yet). */
    @Override
    public <T> T decode(JsonParser parser, Type type) {
        return yasson.fromJson(parser, type);
    }
}
