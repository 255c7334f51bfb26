package com.acme.shop;

/** An existing class: the generator puts the gateway next to the project's code, in com.acme.shop.chat. */
public class Shop {}
