package org.cdigateway.tck.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.cdigateway.CanActivate;
import org.cdigateway.ConnectionScoped;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.Global;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseFilters;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsExceptionFilter;

/**
 * One deployment for the application-wide policies: a global guard, exception filters at three levels, an
 * interceptor reading the execution context, and a connection-scoped bean.
 */
@Timed
@WebSocketGateway("/policies")
@UseFilters({PoliciesGateway.ClassIllegalArgument.class, PoliciesGateway.ClassRuntime.class})
public class PoliciesGateway implements OnGatewayConnection {

    /** Events recorded by the beans of this deployment. */
    @ApplicationScoped
    public static class Journal {

        private final List<String> events = new CopyOnWriteArrayList<>();

        public void add(String event) {
            events.add(event);
        }

        public List<String> events() {
            return List.copyOf(events);
        }
    }

    @Global
    @ApplicationScoped
    public static class TenantGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return context.switchToWs().getClient().header("X-Tenant") != null;
        }
    }

    abstract static class Answering<T extends Throwable> implements WsExceptionFilter<T> {

        @Override
        public void catchException(T e, ExecutionContext context) {
            context.switchToWs().reply("handled", Map.of("by", getClass().getSimpleName(), "phase",
                    context.getPhase().toString()));
        }
    }

    @ApplicationScoped
    public static class MethodIllegalArgument extends Answering<IllegalArgumentException> {}

    @ApplicationScoped
    public static class ClassIllegalArgument extends Answering<IllegalArgumentException> {}

    @ApplicationScoped
    public static class ClassRuntime extends Answering<RuntimeException> {}

    @Global
    @ApplicationScoped
    public static class GlobalIllegalState extends Answering<IllegalStateException> {}

    @Timed
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    public static class TimingInterceptor {

        @Inject
        ExecutionContext context;
        @Inject
        Journal journal;

        @AroundInvoke
        public Object time(InvocationContext invocation) throws Exception {
            journal.add("timed:" + context.getPhase() + ":" + context.getHandler().getName() + ":"
                    + context.switchToWs().getPattern());
            return invocation.proceed();
        }
    }

    @ConnectionScoped
    public static class Conversation {

        @Inject
        Journal journal;

        final String id = UUID.randomUUID().toString();
        final List<String> said = new ArrayList<>();

        public List<String> add(String line) {
            said.add(line);
            return List.copyOf(said);
        }

        public String id() {
            return id;
        }

        @PreDestroy
        void end() {
            journal.add("destroyed:" + id);
        }
    }

    @Inject
    Conversation conversation;
    @Inject
    Journal journal;

    @Override
    public void handleConnection(GatewayClient client) {
        if ("fail".equals(client.queryParam("on-connect"))) {
            throw new IllegalStateException("could not load the basket");
        }
        client.emit("conversation", conversation.id());
    }

    @SubscribeMessage("say")
    public List<String> say(String line) {
        return conversation.add(line);
    }

    @SubscribeMessage("journal")
    public List<String> journal() {
        return journal.events();
    }

    @SubscribeMessage("method-level")
    @UseFilters(MethodIllegalArgument.class)
    public String methodLevel() {
        throw new IllegalArgumentException("tie between method and class");
    }

    @SubscribeMessage("class-level")
    public String classLevel() {
        throw new NumberFormatException("nearest: the class's IllegalArgumentException filter");
    }

    @SubscribeMessage("global-level")
    public String globalLevel() {
        throw new IllegalStateException("nearest: the global IllegalStateException filter");
    }
}
