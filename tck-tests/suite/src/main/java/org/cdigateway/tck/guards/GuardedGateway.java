package org.cdigateway.tck.guards;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.BearerToken;
import org.cdigateway.CanActivate;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;

/** A gateway behind a token guard, with a role-guarded event and an event whose guard throws. */
@WebSocketGateway("/guarded")
@UseGuards(GuardedGateway.TokenGuard.class)
public class GuardedGateway implements OnGatewayConnection {

    /** Users by token. */
    static final Map<String, List<String>> USERS = Map.of("t-alice", List.of("alice", "user"), "t-ann",
            List.of("ann", "admin"));

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Roles {

        String[] value();
    }

    @ApplicationScoped
    public static class Counts {

        private final AtomicInteger connected = new AtomicInteger();
        private final AtomicInteger dispatched = new AtomicInteger();

        public void connected() {
            connected.incrementAndGet();
        }

        public void dispatched() {
            dispatched.incrementAndGet();
        }

        public List<Integer> both() {
            return List.of(connected.get(), dispatched.get());
        }
    }

    @ApplicationScoped
    public static class TokenGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            GatewayClient client = context.switchToWs().getClient();
            if (client.attribute("user") != null) {
                return true;
            }
            String token = BearerToken.find(client)
                    .orElseThrow(() -> new UnauthorizedException("A bearer token is required"));
            List<String> user = USERS.get(token);
            if (user == null) {
                throw new UnauthorizedException("The token is not valid");
            }
            client.setAttribute("user", user);
            return true;
        }
    }

    @ApplicationScoped
    public static class RolesGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            Roles roles = context.getHandler().getAnnotation(Roles.class);
            List<String> user = context.switchToWs().getClient().attribute("user");
            return roles == null || user.subList(1, user.size()).stream().anyMatch(List.of(roles.value())::contains);
        }
    }

    @ApplicationScoped
    public static class BrokenGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            throw new IllegalStateException("the guard's own bug");
        }
    }

    /** Unguarded: what the guarded gateway did. */
    @WebSocketGateway("/guard-counts")
    public static class CountsGateway {

        @Inject
        Counts counts;

        @SubscribeMessage("counts")
        public List<Integer> counts() {
            return counts.both();
        }
    }

    @Inject
    Counts counts;

    @Override
    public void handleConnection(GatewayClient client) {
        counts.connected();
    }

    @SubscribeMessage("whoami")
    public String whoami(@ConnectedSocket GatewayClient client) {
        counts.dispatched();
        return client.<List<String>>attribute("user").get(0);
    }

    @SubscribeMessage("purge")
    @UseGuards(RolesGuard.class)
    @Roles("admin")
    public String purge(String what) {
        counts.dispatched();
        return "purged " + what;
    }

    @SubscribeMessage("broken")
    @UseGuards(BrokenGuard.class)
    public String broken() {
        counts.dispatched();
        return "never";
    }
}
