package org.cdigateway.internal.asyncapi;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.MessageBody;
import org.cdigateway.SecurityScheme;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;

/** Gateways with guards that declare security schemes, and some that do not. */
final class GuardedGateways {

    private GuardedGateways() {}

    /** A bearer token in the Authorization header. */
    @SecurityScheme(bearerFormat = "JWT", description = "A token from the sign-in service")
    public static class BearerGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    /** The same token, in any of three places. */
    @SecurityScheme
    @SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.HEADER, name = "Sec-WebSocket-Protocol", description = "The subprotocols `bearer, <token>`")
    @SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.QUERY, name = "access_token")
    public static class TokenPlacesGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    @SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, name = "X-Api-Key")
    public static class ApiKeyGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    @SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.COOKIE, name = "session")
    public static class SessionGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    /** Declares nothing: not in the document. */
    public static class RolesGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            return true;
        }
    }

    /** Guarded as a whole, and some handlers more. */
    @WebSocketGateway("/secured")
    @UseGuards({BearerGuard.class, RolesGuard.class})
    public static class Secured {

        @SubscribeMessage("read")
        public String read(@MessageBody String key) {
            return key;
        }

        @SubscribeMessage("admin")
        @UseGuards({RolesGuard.class, ApiKeyGuard.class})
        public void admin() {}

        /** The class's guard again on a handler: referred to once. */
        @SubscribeMessage("again")
        @UseGuards(BearerGuard.class)
        public void again() {}
    }

    /** Guards on some handlers only. */
    @WebSocketGateway("/mixed")
    public static class Mixed {

        @SubscribeMessage("open")
        public void open() {}

        @SubscribeMessage("locked")
        @UseGuards(TokenPlacesGuard.class)
        public void locked() {}

        @SubscribeMessage("roles")
        @UseGuards(RolesGuard.class)
        public void roles() {}

        @SubscribeMessage("bearer")
        @UseGuards({BearerGuard.class, Other.BearerGuard.class})
        public void bearer() {}
    }

    /** Only a guard that declares nothing. */
    @WebSocketGateway("/plain")
    @UseGuards(RolesGuard.class)
    public static class Plain {

        @SubscribeMessage("hello")
        public String hello(@MessageBody String name) {
            return name;
        }
    }

    static final class Other {

        private Other() {}

        /** A guard with the same simple name as another: its scheme gets a key of its own. */
        @SecurityScheme(type = SecurityScheme.Type.HTTP, scheme = "Basic")
        public static class BearerGuard implements CanActivate {

            @Override
            public boolean canActivate(ExecutionContext context) {
                return true;
            }
        }
    }

    /** Declarations that contradict themselves. */
    static final class Invalid {

        private Invalid() {}

        @SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.QUERY)
        public static class NoName implements CanActivate {

            @Override
            public boolean canActivate(ExecutionContext context) {
                return true;
            }
        }

        @SecurityScheme(scheme = "basic", bearerFormat = "JWT")
        public static class FormatOfBasic implements CanActivate {

            @Override
            public boolean canActivate(ExecutionContext context) {
                return true;
            }
        }

        @SecurityScheme(name = "access_token")
        public static class HttpWithName implements CanActivate {

            @Override
            public boolean canActivate(ExecutionContext context) {
                return true;
            }
        }

        @WebSocketGateway("/invalid")
        public static class Gateway {

            @SubscribeMessage("no-name")
            @UseGuards(NoName.class)
            public void noName() {}
        }

        @WebSocketGateway("/invalid2")
        public static class Gateway2 {

            @SubscribeMessage("basic")
            @UseGuards(FormatOfBasic.class)
            public void basic() {}
        }

        @WebSocketGateway("/invalid3")
        @UseGuards(HttpWithName.class)
        public static class Gateway3 {

            @SubscribeMessage("x")
            public void x() {}
        }
    }
}
