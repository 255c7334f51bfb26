package org.cdigateway.internal.guard;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.ForbiddenException;
import org.cdigateway.GatewayClient;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.endpoint.HandshakeData;

/**
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} of a gateway class or handler method, checked as the
 * first guard of the connection's or the handler's chain against the identity the container authenticated at the
 * handshake: the principal, and which of the roles the gateway names the container said the client is in.
 *
 * <p>
 * {@code "**"} in {@code @RolesAllowed} stands for any authenticated client, as in a servlet security constraint.
 */
public final class RolesGuard implements CanActivate {

    /** The role name that stands for any authenticated client. */
    public static final String ANY_AUTHENTICATED = "**";

    /** What a client who is not authenticated is told. */
    public static final String NOT_AUTHENTICATED = "Not authenticated";

    private final boolean denyAll;
    private final String[] roles;

    private RolesGuard(boolean denyAll, String[] roles) {
        this.denyAll = denyAll;
        this.roles = roles;
    }

    /**
     * The constraint an element declares: null when it declares none or declares {@code @PermitAll} (nothing to
     * check). Contradicting annotations are a deployment problem found by {@link #problems}; here the strictest wins.
     */
    public static RolesGuard of(AnnotatedElement element) {
        if (element == null) {
            return null;
        }
        if (element.isAnnotationPresent(DenyAll.class)) {
            return new RolesGuard(true, new String[0]);
        }
        RolesAllowed allowed = element.getAnnotation(RolesAllowed.class);
        if (allowed != null) {
            return new RolesGuard(allowed.value().length == 0, allowed.value().clone());
        }
        return null;
    }

    /**
     * What an element's declaration says, for a document: the roles it admits ({@code "**"}: any authenticated
     * client), empty for {@code @DenyAll} (nobody), null when it declares none or {@code @PermitAll}.
     */
    public static List<String> described(AnnotatedElement element) {
        RolesGuard constraint = of(element);
        return constraint == null ? null : constraint.denyAll ? List.of() : List.of(constraint.roles);
    }

    /** Whether an element declares any of the three annotations. */
    public static boolean declares(AnnotatedElement element) {
        return element != null && (element.isAnnotationPresent(DenyAll.class)
                || element.isAnnotationPresent(PermitAll.class) || element.isAnnotationPresent(RolesAllowed.class));
    }

    /**
     * The constraint of a handler: its own declaration when it has one (a method's {@code @PermitAll} lifts the
     * class's constraint for its messages), else the class's.
     */
    public static RolesGuard effective(Class<?> type, AnnotatedElement method) {
        return declares(method) ? of(method) : of(type);
    }

    /** The annotations of one element that cannot go together: empty when they can. */
    public static List<String> conflicts(AnnotatedElement element) {
        List<String> present = new ArrayList<>(3);
        if (element.isAnnotationPresent(RolesAllowed.class)) {
            present.add("@RolesAllowed");
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            present.add("@PermitAll");
        }
        if (element.isAnnotationPresent(DenyAll.class)) {
            present.add("@DenyAll");
        }
        return present.size() > 1 ? present : List.of();
    }

    /** The roles an element names in {@code @RolesAllowed}, {@code "**"} left out, into {@code into}. */
    public static void roleNames(AnnotatedElement element, Set<String> into) {
        RolesAllowed allowed = element == null ? null : element.getAnnotation(RolesAllowed.class);
        if (allowed != null) {
            for (String role : allowed.value()) {
                if (!ANY_AUTHENTICATED.equals(role)) {
                    into.add(role);
                }
            }
        }
    }

    @Override
    public boolean canActivate(ExecutionContext context) {
        if (denyAll) {
            throw new ForbiddenException(GuardChain.FORBIDDEN_MESSAGE);
        }
        GatewayClient client = context.switchToWs().getClient();
        HandshakeData handshake = client instanceof SessionClient c ? c.handshakeData() : HandshakeData.EMPTY;
        if (handshake.principal() == null) {
            throw new UnauthorizedException(NOT_AUTHENTICATED);
        }
        for (String role : roles) {
            if (ANY_AUTHENTICATED.equals(role) || handshake.isUserInRole(role)) {
                return true;
            }
        }
        throw new ForbiddenException(GuardChain.FORBIDDEN_MESSAGE);
    }
}
