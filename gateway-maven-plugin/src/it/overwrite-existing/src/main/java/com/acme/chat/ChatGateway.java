package com.acme.chat;

/** A draft that does not compile: -Doverwrite replaces it. */
public class ChatGateway { this does not compile }
