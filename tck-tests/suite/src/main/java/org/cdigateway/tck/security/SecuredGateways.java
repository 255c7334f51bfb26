package org.cdigateway.tck.security;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Gateways whose class and handlers carry Jakarta security annotations. */
public final class SecuredGateways {

    private SecuredGateways() {}

    static String name(GatewayClient client) {
        return client.principal() == null ? "anonymous" : client.principal().getName();
    }

    /** Members only: the WAR protects its path too, so the container asks for credentials first. */
    @WebSocketGateway("/members")
    @RolesAllowed("chat")
    public static class MembersGateway {

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return name(client);
        }

        @SubscribeMessage("purge")
        @RolesAllowed("admin")
        public String purge() {
            return "purged";
        }

        @SubscribeMessage("shutdown")
        @DenyAll
        public String shutdown() {
            return "never";
        }
    }

    /** Members only, at a path the WAR leaves open: the gateway refuses who is not in the role. */
    @WebSocketGateway("/club")
    @RolesAllowed("chat")
    public static class ClubGateway {

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return name(client);
        }
    }

    /** Open to all; posting needs any authenticated identity. */
    @WebSocketGateway("/lobby")
    @PermitAll
    public static class LobbyGateway {

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return name(client);
        }

        @SubscribeMessage("post")
        @RolesAllowed("**")
        public String post(@ConnectedSocket GatewayClient client) {
            return "posted by " + name(client);
        }
    }
}
