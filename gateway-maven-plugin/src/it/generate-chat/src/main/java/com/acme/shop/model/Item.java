package com.acme.shop.model;

public record Item(String name) {}
