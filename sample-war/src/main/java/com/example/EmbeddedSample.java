package com.example;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cdigateway.se.GatewayRuntime;

import com.example.assistant.AssistantGateway;
import com.example.chat.ChatGateway;
import com.example.dashboard.DashboardGateway;
import com.example.jobs.JobsGateway;
import com.example.login.LoginGateway;
import com.example.socketio.SocketIoChatGateway;

/**
 * Runs the sample on the embedded runtime: {@code http://localhost:8080}. The same classes deploy unchanged as a WAR.
 *
 * <p>
 * Arguments: {@code [port] [static-directory]}; defaults {@code 8080} and {@code sample-war/src/main/webapp}.
 */
public final class EmbeddedSample {

    private EmbeddedSample() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Path pages = Path.of(args.length > 1 ? args[1] : "sample-war/src/main/webapp");
        if (!Files.isDirectory(pages)) {
            pages = Path.of("src/main/webapp");
        }
        // tag::embedded[]
        GatewayRuntime runtime = GatewayRuntime.builder()
                .host("localhost")
                .port(port)
                .packages(ChatGateway.class, LoginGateway.class, AssistantGateway.class, DashboardGateway.class,
                        JobsGateway.class, SocketIoChatGateway.class) // each package, as in a WAR without beans.xml
                .staticFiles(pages)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        // end::embedded[]
        System.out.println("CDI Gateway sample running at " + runtime.httpUri().toString().replace("127.0.0.1",
                "localhost") + "  (Ctrl+C to stop)");
        runtime.awaitShutdown();
    }
}
