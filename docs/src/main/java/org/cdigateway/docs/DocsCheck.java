package org.cdigateway.docs;

public final class DocsCheck {

    public static void main(String[] args) {}
}
