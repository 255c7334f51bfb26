package org.cdigateway.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;

import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.tests.Recorder;
import org.junit.jupiter.api.Test;

/** An ordinary CDI interceptor times handlers and lifecycle methods and reads the current ExecutionContext. */
@GatewayTest(classes = Recorder.class)
class InterceptorContextTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::timed[]
    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Timed {
    }

    @Timed
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    public static class TimingInterceptor {

        @Inject
        ExecutionContext context; // <1>
        @Inject
        Recorder recorder;

        @AroundInvoke
        public Object time(InvocationContext invocation) throws Exception {
            long start = System.nanoTime();
            try {
                return invocation.proceed();
            } finally {
                long micros = (System.nanoTime() - start) / 1000;
                recorder.record("timed:" + context.getPhase() + ":" + context.getHandler().getName() + ":"
                        + context.switchToWs().getPattern() + ":" + (micros >= 0));
            }
        }
    }
    // end::timed[]

    @Timed
    @WebSocketGateway("/timed")
    public static class TimedGateway implements OnGatewayConnection {

        @Override
        public void handleConnection(GatewayClient client) {
            client.emit("ready", ExecutionContext.current().map(c -> c.getPhase().toString()).orElse("none"));
        }

        @SubscribeMessage("work")
        public String work(String input) {
            return input.toUpperCase();
        }
    }

    @Test
    void anInterceptorSeesTheCurrentCallOfHandlersAndLifecycleMethods(Clients clients, GatewayRuntime runtime) {
        Recorder recorder = runtime.select(Recorder.class);
        GatewayTestClient client = clients.connect("/timed");
        assertThat(client.awaitEvent("ready", WAIT).data(String.class)).isEqualTo("CONNECTION");
        assertThat(client.request("work", "abc").data(String.class)).isEqualTo("ABC");
        recorder.await("timed:MESSAGE", 1, WAIT);
        assertThat(recorder.events()).contains("timed:CONNECTION:handleConnection:null:true",
                "timed:MESSAGE:work:work:true");
        assertThat(ExecutionContext.current()).isEmpty();
    }
}
