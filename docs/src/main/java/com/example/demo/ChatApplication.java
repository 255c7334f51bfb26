package com.example.demo;

import org.cdigateway.se.GatewayRuntime;

/** The chat on the embedded runtime: {@code ws://localhost:8080/chat/lobby}. */
public class ChatApplication {

    public static void main(String[] args) throws InterruptedException {
        GatewayRuntime runtime = GatewayRuntime.builder()
                .port(8080)
                .packages(ChatGateway.class) // every class in com.example.demo, as in a WAR
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        System.out.println("Chat at " + runtime.wsUri("/chat/lobby"));
        runtime.awaitShutdown();
    }
}
