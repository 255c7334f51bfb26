package org.cdigateway.internal.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.BearerToken;
import org.cdigateway.Compression;

/**
 * Hands every connection of a gateway to its one {@link GatewayEndpoint}, captures the handshake into the
 * connection's user properties (a per-connection copy since Jakarta WebSocket 2.1), and decides the gateway's
 * {@link Compression}.
 *
 * <p>
 * How each container negotiates extensions for an endpoint added with {@code addEndpoint(ServerEndpointConfig)}: it
 * passes the endpoint's {@code getExtensions()} as the installed ones to {@link #getNegotiatedExtensions}, and answers
 * with what that returns. Tyrus (embedded, Payara) and Open Liberty answer with any name returned, whether they
 * implement it or not, so only an extension object of the container's own may be returned there ({@link
 * CompressionSupport}); Undertow (WildFly) keeps only the names it implements (its server-wide {@code per-message-deflate}
 * setting), so there the name is enough.
 */
public final class GatewayConfigurator extends ServerEndpointConfig.Configurator {

    /** The extension a compressing gateway agrees on. */
    static final String PERMESSAGE_DEFLATE = "permessage-deflate";

    private final GatewayEndpoint endpoint;
    private final Set<String> roleNames;
    private final Compression compression;
    private final CompressionSupport support; // the runtime's own deflate, listed on the endpoint; null in a WAR
    private volatile Boolean namesSuffice; // whether the container keeps only the extensions it implements

    GatewayConfigurator(GatewayEndpoint endpoint, Set<String> roleNames, Compression compression,
            CompressionSupport support) {
        this.endpoint = endpoint;
        this.roleNames = roleNames;
        this.compression = compression;
        this.support = support;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        sec.getUserProperties().put(HandshakeData.KEY, capture(request, roleNames));
    }

    /**
     * The handshake's headers, query and address, and the identity the container authenticated with its answers about
     * {@code roleNames}: asked now, as {@code isUserInRole} answers only while the handshake is served.
     */
    public static HandshakeData capture(HandshakeRequest request, Set<String> roleNames) {
        return HandshakeData.of(request).withIdentity(request.getUserPrincipal(), roleNames, request::isUserInRole);
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return endpointClass.cast(endpoint);
    }

    /**
     * Chooses {@code bearer} when the client offered a token that way ({@code ["bearer", token]}, see
     * {@code BearerToken}), else the first offered subprotocol the endpoint supports, else none.
     */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (int i = 0; i < requested.size() - 1; i++) {
            if (BearerToken.SUBPROTOCOL.equalsIgnoreCase(requested.get(i).strip())) {
                return requested.get(i).strip();
            }
        }
        for (String r : requested) {
            if (supported.contains(r)) {
                return r;
            }
        }
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return switch (compression) {
            case DEFAULT -> super.getNegotiatedExtensions(installed, requested);
            case OFF -> super.getNegotiatedExtensions(withoutDeflate(installed), withoutDeflate(requested));
            case ON -> compressing(installed, requested);
        };
    }

    private List<Extension> compressing(List<Extension> installed, List<Extension> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (support != null) { // the runtime's own, listed on the endpoint: offers it cannot take are passed over
            List<Extension> offers = new ArrayList<>(requested.size());
            for (Extension offer : requested) {
                if (!PERMESSAGE_DEFLATE.equals(offer.getName()) || support.accepts(offer)) {
                    offers.add(offer);
                }
            }
            return super.getNegotiatedExtensions(installed, offers);
        }
        if (namesSuffice()) { // the container's own, by name; kept only where it is switched on
            List<Extension> withName = new ArrayList<>(installed);
            withName.add(new NamedExtension(PERMESSAGE_DEFLATE));
            return super.getNegotiatedExtensions(withName, requested);
        }
        return super.getNegotiatedExtensions(withoutDeflate(installed), withoutDeflate(requested));
    }

    private boolean namesSuffice() {
        Boolean known = namesSuffice;
        if (known == null) {
            try {
                known = getContainerDefaultConfigurator().getClass().getName().startsWith("io.undertow.");
            } catch (RuntimeException e) {
                known = false; // a container that is not known to implement it by name
            }
            namesSuffice = known;
        }
        return known;
    }

    /** The list without the deflate extensions ({@code permessage-deflate}, {@code x-webkit-deflate-frame}, ...). */
    static List<Extension> withoutDeflate(List<Extension> extensions) {
        if (extensions == null || extensions.isEmpty()) {
            return List.of();
        }
        List<Extension> kept = new ArrayList<>(extensions.size());
        for (Extension e : extensions) {
            if (e.getName() == null || !e.getName().toLowerCase(Locale.ROOT).contains("deflate")) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** An extension known by its name only, for a container that implements it by that name. */
    private record NamedExtension(String name) implements Extension {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public List<Parameter> getParameters() {
            return List.of();
        }
    }
}
