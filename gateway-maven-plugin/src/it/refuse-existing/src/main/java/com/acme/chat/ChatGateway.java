package com.acme.chat;

/** Someone's own work, which the generator must not overwrite. */
public class ChatGateway {}
