package org.cdigateway.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseFilters;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;
import org.cdigateway.WsExceptionFilter;
import org.cdigateway.WsResponse;
import org.cdigateway.fuzz.Bodies.Item;
import org.cdigateway.fuzz.Bodies.Message;
import org.cdigateway.fuzz.Bodies.Order;
import org.cdigateway.fuzz.Bodies.Shape;
import org.cdigateway.fuzz.Bodies.Stamp;

/**
 * The gateway the end-to-end target talks to: one handler for each kind of parameter and reply the dispatcher
 * knows. A body the frame does not have is null, so handlers check for it. Every handler answers, except the ones in {@link #SILENT} (nothing to say) and {@link #LATER} (answer after
 * the frames that follow them).
 */
// tag::gateway[]
@WebSocketGateway(value = "/fuzz", maxMessageSize = FuzzGateway.MAX_MESSAGE)
@UseFilters(FuzzGateway.RejectedFilter.class)
public class FuzzGateway {
    // end::gateway[]

    /** Characters of the largest text frame; larger ones close with 1009. */
    public static final int MAX_MESSAGE = 3000;

    /** Events whose handlers answer nothing when they succeed. */
    public static final Set<String> SILENT = Set.of("note", "nothing");
    /** Events whose answer may come after the frames that follow them. */
    public static final Set<String> LATER = Set.of("later", "later-boom", "stream");
    /** Events whose handlers fail on purpose with an exception no filter handles: INTERNAL is their answer. */
    public static final Set<String> FAIL_ON_PURPOSE = Set.of("boom", "later-boom");
    /** The event the harness sends after the frames of an input, to know the gateway handled them all. */
    public static final String SENTINEL = "sentinel";

    /** Thrown by the handlers of {@link #FAIL_ON_PURPOSE}. */
    public static final class OnPurpose extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public OnPurpose() {
            super("failed on purpose", null, false, false);
        }
    }

    /** Thrown by {@code rejected}; {@link RejectedFilter} answers it. */
    public static final class Rejected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    @ApplicationScoped
    public static class RejectedFilter implements WsExceptionFilter<Rejected> {

        @Override
        public void catchException(Rejected e, ExecutionContext context) {
            context.switchToWs().reply("rejected", Map.of("reason", String.valueOf(e.getMessage())));
        }
    }

    /** Lets a message through when its data is an object with {@code "allow": true}. */
    @ApplicationScoped
    public static class AllowGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return context.switchToWs().getData() instanceof JsonObject o && o.get("allow") == JsonValue.TRUE;
        }
    }

    @SubscribeMessage(SENTINEL)
    public String sentinel() {
        return "ok";
    }

    // tag::gateway[]
    @SubscribeMessage("message")
    public String message(@Valid @MessageBody Message message) {
        return String.valueOf(message);
    }

    @SubscribeMessage("order")
    public int order(@Valid @MessageBody Order order) {
        return order == null ? 0 : order.items().size();
    }

    @SubscribeMessage("items")
    public int items(@MessageBody List<@Valid Item> items) {
        return items == null ? 0 : items.size();
    }
    // end::gateway[]

    @SubscribeMessage("map")
    public int map(@MessageBody Map<String, Object> map) {
        return map == null ? 0 : map.size();
    }

    @SubscribeMessage("item-map")
    public Set<String> itemMap(@MessageBody Map<String, @Valid Item> items) {
        return items == null ? Set.of() : items.keySet();
    }

    @SubscribeMessage("object")
    public String object(@MessageBody Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    @SubscribeMessage("int")
    public int intValue(@MessageBody int value) {
        return value;
    }

    @SubscribeMessage("long")
    public long longValue(@MessageBody long value) {
        return value;
    }

    @SubscribeMessage("double")
    public String doubleValue(@MessageBody double value) {
        return Double.toString(value);
    }

    @SubscribeMessage("string")
    public String string(@MessageBody String value) {
        return value == null ? "no string" : value;
    }

    @SubscribeMessage("json")
    public JsonValue json(@MessageBody JsonValue value) {
        return value;
    }

    @SubscribeMessage("shape")
    public String shape(@Valid @MessageBody Shape shape) {
        return shape == null ? "no shape" : Double.toString(shape.area());
    }

    @SubscribeMessage("shapes")
    public int shapes(@MessageBody List<@Valid Shape> shapes) {
        return shapes == null ? 0 : shapes.size();
    }

    @SubscribeMessage("stamp")
    public String stamp(@MessageBody Stamp stamp) {
        return String.valueOf(stamp);
    }

    @SubscribeMessage("room")
    public String room(@NotBlank @MessageBody("room") String room, @MessageBody("size") Integer size,
            @MessageBody("item") Item item) {
        return room + "/" + size + "/" + item;
    }

    @SubscribeMessage("respond")
    public WsResponse<String> respond(@MessageBody String value) {
        return WsResponse.of("responded", value);
    }

    // tag::gateway[]
    @SubscribeMessage("guarded")
    @UseGuards(AllowGuard.class)
    public String guarded(@MessageBody Map<String, Object> data) {
        return "passed";
    }

    @SubscribeMessage("rejected")
    public String rejected(@MessageBody String reason) {
        throw new Rejected(reason);
    }

    @SubscribeMessage("later")
    public CompletionStage<String> later(@MessageBody String value) {
        return CompletableFuture.supplyAsync(() -> "later:" + value);
    }

    @SubscribeMessage("stream")
    public Flow.Publisher<Integer> stream(@PositiveOrZero @Max(5) @MessageBody int count) {
        return new Count(count);
    }

    @SubscribeBinary
    public byte[] binary(byte[] payload) {
        return payload;
    }

    @SubscribeMessage("*")
    public String any(@MessageBody JsonValue data) {
        return data.getValueType().name();
    }
    // end::gateway[]

    @SubscribeMessage("ws-error")
    public String wsError(@MessageBody Object payload) {
        throw new WsException(payload);
    }

    @SubscribeMessage("boom")
    public String boom() {
        throw new OnPurpose();
    }

    @SubscribeMessage("later-boom")
    public CompletionStage<String> laterBoom() {
        return CompletableFuture.supplyAsync(() -> {
            throw new OnPurpose();
        });
    }

    @SubscribeMessage("note")
    public void note(@Valid @MessageBody Message message) {
        // accepted; nothing to answer
    }

    @SubscribeMessage("nothing")
    public String nothing() {
        return null;
    }

    /** Publishes 0..count-1 as they are requested, then completes. */
    static final class Count implements Flow.Publisher<Integer> {

        private final int count;

        Count(int count) {
            this.count = count;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {

                private int next;
                private boolean done;

                @Override
                public synchronized void request(long n) {
                    for (long i = 0; i < n && next < count && !done; i++) {
                        subscriber.onNext(next++);
                    }
                    if (next == count && !done) {
                        done = true;
                        subscriber.onComplete();
                    }
                }

                @Override
                public synchronized void cancel() {
                    done = true;
                }
            });
        }
    }
}
