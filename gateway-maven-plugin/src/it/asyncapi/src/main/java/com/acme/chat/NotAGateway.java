package com.acme.chat;

public class NotAGateway {

    public String hello() {
        return "hello";
    }
}
