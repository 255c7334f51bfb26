package org.cdigateway.internal.deployment;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;

/**
 * The catalogue of user-facing deployment errors. Each text has a stable ID, names the place, says what is wrong and
 * what to do. {@code docs/reference/errors.adoc} has one row per ID; a test keeps the two in step.
 */
public final class GatewayMessages {

    private GatewayMessages() {}

    // GW-01xx: the shape of a gateway

    public static DefinitionException duplicatePath(String firstPath, Class<?> first, String secondPath,
            Class<?> second) {
        String paths = firstPath.equals(secondPath)
                ? "The path '" + firstPath + "'"
                : "The paths '" + firstPath + "' and '" + secondPath + "' match the same URIs and";
        return new DefinitionException("GW-0101 " + paths + " " + (firstPath.equals(secondPath) ? "is" : "are")
                + " served by both " + Describe.type(first) + " and " + Describe.type(second)
                + ". Give each @WebSocketGateway its own path.");
    }

    public static DefinitionException duplicateEvent(String event, Method first, Method second) {
        return new DefinitionException("GW-0102 Event '" + event + "' is handled by both " + Describe.method(first)
                + " and " + Describe.method(second) + ". Rename one @SubscribeMessage value or merge the methods.");
    }

    public static DefinitionException handlerNotPublic(Method m) {
        return new DefinitionException("GW-0103 " + Describe.method(m)
                + " is not public, so it cannot be called through the bean's proxy and interceptors would not run."
                + " Make the method public.");
    }

    public static DefinitionException finalHandler(Method m) {
        return new DefinitionException("GW-0104 " + Describe.method(m)
                + " is final, so guards and interceptors cannot intercept it. Remove the final modifier.");
    }

    public static DefinitionException unsupportedReturnType(Method m, Type type, String fix) {
        return new DefinitionException("GW-0105 " + Describe.method(m) + " returns " + Describe.typeName(type)
                + ", which a handler cannot reply with. " + fix);
    }

    public static DefinitionException staticHandler(Method m) {
        return new DefinitionException("GW-0106 " + Describe.method(m)
                + " is static, so it is not called on the gateway bean and interceptors would not run."
                + " Remove the static modifier.");
    }

    public static DefinitionException serverEventParameters(Method m) {
        return new DefinitionException("GW-0122 " + Describe.method(m) + " is an @OnServerEvent handler with "
                + m.getParameterCount() + " parameters; it takes at most one, the event's data."
                + " Put what the other node sends into one record or class.");
    }

    public static DefinitionException duplicateServerEvent(String event, Method first, Method second) {
        return new DefinitionException("GW-0123 Server-side event '" + event + "' is handled by both "
                + Describe.method(first) + " and " + Describe.method(second)
                + ". Rename one @OnServerEvent value or merge the methods.");
    }

    public static DefinitionException serverEventAlsoForClients(Method m) {
        return new DefinitionException("GW-0124 " + Describe.method(m) + " has @OnServerEvent and also"
                + " @SubscribeMessage or @SubscribeBinary: events from other nodes and from clients are handled by"
                + " different methods. Split it into two methods.");
    }

    public static DefinitionException blankServerEvent(Method m) {
        return new DefinitionException("GW-0125 " + Describe.method(m)
                + " has an empty @OnServerEvent value. Name the server-side event it handles.");
    }

    public static DefinitionException blankEvent(Method m) {
        return new DefinitionException("GW-0107 " + Describe.method(m)
                + " has an empty @SubscribeMessage value. Name the event it handles, or use \"*\" to handle every"
                + " event without a handler of its own.");
    }

    public static DefinitionException invalidPath(Class<?> gateway, String path, String problem) {
        return new DefinitionException("GW-0108 " + Describe.type(gateway) + " declares the path '" + path + "', which "
                + problem + ". Use a path such as \"/chat\" or \"/chat/{room}\": it starts with '/' and each"
                + " {variable} is a whole segment with a unique name.");
    }

    public static DefinitionException secondBinaryHandler(Method first, Method second) {
        return new DefinitionException("GW-0109 Both " + Describe.method(first) + " and " + Describe.method(second)
                + " are annotated @SubscribeBinary, but a gateway has one binary handler. Merge the methods.");
    }

    public static DefinitionException textAndBinary(Method m) {
        return new DefinitionException("GW-0110 " + Describe.method(m)
                + " is annotated both @SubscribeMessage and @SubscribeBinary. Keep one: text and binary frames"
                + " take different parameters.");
    }

    public static DefinitionException finalGateway(Class<?> gateway) {
        return new DefinitionException("GW-0111 " + Describe.type(gateway)
                + " is final, so the container cannot proxy it and interceptors would not run."
                + " Remove the final modifier.");
    }

    // GW-02xx: handler parameters

    public static DefinitionException unsupportedParameter(Method m, int index, String problem) {
        return new DefinitionException("GW-0201 " + capitalized(Describe.parameter(m, index)) + " " + problem
                + ". A handler parameter is @MessageBody (or unannotated) data, @MessageBody(\"property\") of data,"
                + " a @ConnectedSocket GatewayClient or Session, or a @PathParam of the gateway path.");
    }

    public static DefinitionException pathParamNotInPath(Method m, int index, String name, String path,
            Collection<String> variables) {
        return new DefinitionException("GW-0202 " + capitalized(Describe.parameter(m, index)) + " is @PathParam(\""
                + name + "\"), but the gateway path '" + path + "' has "
                + (variables.isEmpty() ? "no variables" : "only the variables " + variables)
                + ". Use one of the path's variable names or add {" + name + "} to the path.");
    }

    public static DefinitionException twoBodies(Method m, int first, int second) {
        return new DefinitionException("GW-0203 " + Describe.method(m) + " binds the whole message body twice, to "
                + "parameter " + (first + 1) + " and parameter " + (second + 1)
                + ". Bind the body once, or name a property of it in each: @MessageBody(\"room\").");
    }

    public static DefinitionException serverOfNonGateway(String injectionPoint, Class<?> beanClass) {
        return new DefinitionException("GW-0112 " + injectionPoint + " injects a GatewayServer into "
                + (beanClass == null ? "a bean" : Describe.type(beanClass)) + ", which is not a gateway, without naming"
                + " one. Name the gateway: @Inject @Gateway(ChatGateway.class) GatewayServer server.");
    }

    public static DefinitionException namedNonGateway(String injectionPoint, Class<?> named) {
        return new DefinitionException("GW-0113 " + injectionPoint + " names " + Describe.type(named)
                + " with @Gateway, which is not a gateway. Name a class annotated with @WebSocketGateway.");
    }

    // GW-05xx: registration with the WebSocket container

    public static IllegalStateException noServerContainer() {
        return new IllegalStateException("GW-0501 The servlet context has no jakarta.websocket.server.ServerContainer,"
                + " so no gateway can be registered. Enable WebSocket support in the server (the 'websocket'"
                + " subsystem on WildFly, the websocket-2.1 feature on Open Liberty).");
    }

    public static IllegalStateException gatewaysNotDeployed(Collection<String> classes) {
        return new IllegalStateException("GW-0502 The application contains the gateways " + classes
                + " but CDI did not deploy them, so they would not be served. Enable CDI for the application"
                + " and check that the org.cdigateway extension jar is in WEB-INF/lib.");
    }

    public static IllegalStateException registrationFailed(String path, Class<?> gateway, Throwable cause) {
        return new IllegalStateException("GW-0503 The gateway " + Describe.type(gateway) + " could not be registered"
                + " at '" + path + "': " + cause.getMessage()
                + ". Check that no other endpoint of the application uses the same path.", cause);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public static DefinitionException invalidSettings(Class<?> gateway, String problems, String keyPrefix) {
        return new DefinitionException("GW-0114 The settings of " + Describe.type(gateway) + " are not valid: "
                + problems + ". Fix the @WebSocketGateway values or the configuration keys " + keyPrefix + "*.");
    }

    public static DefinitionException duplicateNamespace(String namespace, Class<?> first, Class<?> second) {
        return new DefinitionException("GW-0115 The Socket.IO namespace '" + namespace + "' is served by both "
                + Describe.type(first) + " and " + Describe.type(second)
                + ". Give each Socket.IO gateway its own namespace (@WebSocketGateway(namespace = \"/name\")).");
    }

    public static DefinitionException adapterMissing(Class<?> gateway, String adapter, String module) {
        return new DefinitionException("GW-0116 " + Describe.type(gateway) + " speaks " + adapter
                + ", but no adapter for it is on the class path. Add the dependency org.cdigateway:" + module
                + " to the application.");
    }

    public static DefinitionException invalidAdapters(Class<?> gateway, String problem) {
        return new DefinitionException("GW-0117 The protocols of " + Describe.type(gateway) + " are not valid: "
                + problem + ". Name at least one adapter, and a namespace that starts with '/' "
                + "(@WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = \"/chat\")).");
    }

    public static DefinitionException socketIoConfigConflict(String member, Class<?> first, String firstValue,
            Class<?> second, String secondValue) {
        return new DefinitionException("GW-0118 @SocketIoConfig sets " + member + " to " + firstValue + " on "
                + Describe.type(first) + " and to " + secondValue + " on " + Describe.type(second)
                + ", but one Socket.IO endpoint serves every namespace, so it has one value. Set " + member
                + " on one of the gateways only, or to the same value on both.");
    }

    public static DefinitionException socketIoConfigNotSocketIo(Class<?> gateway) {
        return new DefinitionException("GW-0119 " + Describe.type(gateway)
                + " has @SocketIoConfig but does not speak Socket.IO. Add Adapter.SOCKET_IO to its"
                + " @WebSocketGateway(adapter = ...), or move @SocketIoConfig to a gateway that does.");
    }

    public static DefinitionException invalidSocketIoSetting(String setting, String problem) {
        return new DefinitionException("GW-0120 The Socket.IO setting " + setting + " is not valid: " + problem
                + ". Change the value, or remove it to use the default.");
    }

    public static DefinitionException nativePathAtSocketIoPath(Class<?> gateway, String path, String socketIoPath) {
        return new DefinitionException("GW-0121 " + Describe.type(gateway) + " serves the native protocol at '" + path
                + "', which is the path of the Socket.IO endpoint '" + socketIoPath + "' or lies under it, and that"
                + " endpoint serves its path and everything under it. Move the gateway to another path"
                + " (@WebSocketGateway(\"/other\")), or the Socket.IO endpoint (@SocketIoConfig(path = ...) or"
                + " cdigateway.socketio.path).");
    }

    public static DefinitionException invalidAsyncApiSetting(String key, String value, String problem) {
        return new DefinitionException("GW-0126 The AsyncAPI setting " + key + "=" + value + " is not valid: "
                + problem + ". Change the value (a path such as /asyncapi.json, or true or false), or remove it to use"
                + " the default.");
    }

    public static DefinitionException invalidSubprotocol(Class<?> gateway, String subprotocol) {
        return new DefinitionException("GW-0128 " + Describe.type(gateway) + " names the subprotocol '" + subprotocol
                + "' in @WebSocketGateway(subprotocols), which is not an HTTP token. Use letters, digits and"
                + " !#$%&'*+-.^_`|~ only, such as \"chat.v2\".");
    }

    public static DefinitionException compressionWithoutEndpoint(Class<?> gateway, Object compression) {
        return new DefinitionException("GW-0129 " + Describe.type(gateway) + " sets @WebSocketGateway(compression = "
                + compression + ") but does not speak the native protocol, and compression applies to the gateway's own"
                + " endpoint only (the Socket.IO endpoint is shared by its namespaces). Add Adapter.NATIVE to its"
                + " @WebSocketGateway(adapter = ...), or remove compression.");
    }

    public static DeploymentException severalJsonb(String beans) {
        return new DeploymentException("GW-0127 The application has several Jsonb beans for the gateways to use: "
                + beans + ". Keep one unqualified Jsonb (or JsonbConfig) producer, or give the others a qualifier.");
    }

    public static DefinitionException guardNotBean(String where, Class<?> guard) {
        return new DefinitionException("GW-0301 " + where + " names the guard " + Describe.type(guard)
                + " in @UseGuards, but it is not a bean (or several beans have its type)."
                + " Give it a bean-defining annotation such as @ApplicationScoped, or remove it from @UseGuards.");
    }

    public static DefinitionException filterNotBean(String where, Class<?> filter) {
        return new DefinitionException("GW-0302 " + where + " names the exception filter " + Describe.type(filter)
                + " in @UseFilters, but it is not a bean (or several beans have its type)."
                + " Give it a bean-defining annotation such as @ApplicationScoped, or remove it from @UseFilters.");
    }

    public static DefinitionException filterTypeUnknown(Class<?> filter) {
        return new DefinitionException("GW-0303 The exception filter " + Describe.type(filter)
                + " does not say which exceptions it handles."
                + " Implement WsExceptionFilter<YourException> with a concrete exception type.");
    }

    public static DefinitionException globalOfNeither(Class<?> type) {
        return new DefinitionException("GW-0304 " + Describe.type(type)
                + " is annotated @Global but is neither a guard (CanActivate, CanActivateAsync) nor a"
                + " WsExceptionFilter. Implement one of them, or remove @Global.");
    }

    public static DefinitionException contradictingSecurity(String where, List<String> annotations) {
        return new DefinitionException("GW-0305 " + where + " is annotated " + String.join(" and ", annotations)
                + ", which contradict each other. Keep one: @RolesAllowed names who may, @PermitAll lets everyone,"
                + " @DenyAll lets nobody.");
    }

    public static DefinitionException invalidSecurityScheme(String problemAndFix) {
        return new DefinitionException("GW-0306 " + problemAndFix);
    }
}
