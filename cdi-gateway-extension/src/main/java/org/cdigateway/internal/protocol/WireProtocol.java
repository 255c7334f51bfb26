package org.cdigateway.internal.protocol;

import java.util.List;

import jakarta.json.JsonValue;

import org.cdigateway.internal.dispatch.Attachments;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.DispatchTable;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.json.JsonText;

/**
 * How a gateway's messages look on the wire: reads the text messages of a client and writes every kind of message the
 * gateway sends. Everything a gateway sends goes through one, so a gateway can speak several protocols; each
 * connection has its own. Events and data come in already encoded: an event as a JSON string literal (encoded once
 * per handler, or per emit), data as JSON text (encoded once per emit, whoever receives it).
 */
public interface WireProtocol {

    /**
     * Reads one text message of a client.
     *
     * @throws BadFrameException when it is not a message of this protocol; answered with {@code BAD_FRAME}
     */
    InboundFrame parse(String text) throws BadFrameException;

    /**
     * Reads one text message of a client of a gateway whose handlers are {@code table}: as {@link #parse(String)},
     * and a protocol may decode the data for the handler's parameter as it reads the message
     * ({@link InboundFrame#decoded()}). By default it only reads the message.
     *
     * @throws BadFrameException as {@link #parse(String)}
     */
    default InboundFrame parse(String text, DispatchTable table) throws BadFrameException {
        return parse(text);
    }

    /** An event the server sends of its own accord: an emit, or one of a broadcast. */
    String event(String quotedEvent, String dataJson);

    /**
     * The event of a broadcast whose data holds binaries: {@code dataJson} has the placeholder
     * {@code {"_placeholder":true,"num":N}} where attachment N goes ({@code org.cdigateway.spi.Broadcast}). By default
     * each attachment is written in place of its placeholder as a JSON array of byte values, as JSON-B writes a
     * {@code byte[]}; a protocol that {@link #sendsBinaries() sends binaries} sends them as attachments.
     */
    default String event(String quotedEvent, String dataJson, List<byte[]> attachments) {
        return event(quotedEvent, Attachments.inline(dataJson, attachments));
    }

    /**
     * The answer of a handler to a message: its event and the message's id; null when the protocol sends nothing
     * (a Socket.IO client that asked for no acknowledgement).
     */
    String reply(String quotedEvent, String dataJson, JsonValue id);

    /**
     * {@link #reply(String, String, JsonValue)} for a handler that returned a JSON-P value: by default the value is
     * written as JSON text first; a protocol may write it straight into the message.
     */
    default String replyValue(String quotedEvent, JsonValue data, JsonValue id) {
        return reply(quotedEvent, JsonText.json(data), id);
    }

    /**
     * An event of several arguments ({@code org.cdigateway.Arguments}), {@code argsJson} the JSON array of them; the
     * native protocol sends the array as the data.
     */
    default String eventArguments(String quotedEvent, String argsJson) {
        return event(quotedEvent, argsJson);
    }

    /** A reply of several arguments, as {@link #eventArguments}. */
    default String replyArguments(String quotedEvent, String argsJson, JsonValue id) {
        return reply(quotedEvent, argsJson, id);
    }

    /** The {@code WsResponse} a handler returned: the event it chose, with the message's id; as a reply by default. */
    default String response(String quotedEvent, String dataJson, JsonValue id) {
        return reply(quotedEvent, dataJson, id);
    }

    /**
     * What a client is sent once its guards accepted it, before {@code handleConnection} runs, so that nothing the
     * gateway sends reaches it earlier; null when the protocol sends nothing then (the native protocol).
     */
    default String accepted(String clientId) {
        return null;
    }

    /** The error answering a message; {@code errorJson} is the error object ({@code {"status":"error",...}}). */
    String error(String errorJson, JsonValue id);

    /** What a message with binaries is sent as: see {@link #withBinaries}. */
    enum Kind {
        /** {@link #event}, or {@link #eventArguments} for {@code Arguments}. */
        EVENT,
        /** {@link #reply}, or {@link #replyArguments}. */
        REPLY,
        /** {@link #response}, or {@link #eventArguments}. */
        RESPONSE,
        /** {@link #streamItem}. */
        STREAM_ITEM
    }

    /**
     * Whether it sends binaries ({@code byte[]}, {@code ByteBuffer}) as attachments of a message rather than as JSON;
     * then the messages whose data holds some ({@code Attachments.held}) are written by {@link #withBinaries}.
     */
    default boolean sendsBinaries() {
        return false;
    }

    /**
     * A message of {@code kind} whose data holds binaries, written whole (its other values encoded with
     * {@code json}); null when nothing is sent, as for the kind's own method.
     */
    default String withBinaries(Kind kind, String quotedEvent, Object data, JsonValue id,
            JsonCodec json) {
        throw new UnsupportedOperationException("This protocol sends binaries as JSON");
    }

    /** One item of a streamed reply. */
    String streamItem(String quotedEvent, String dataJson, JsonValue id);

    /** The end of a streamed reply, after its last item; null when the protocol marks no end. */
    String streamEnd(String quotedEvent, JsonValue id);
}
