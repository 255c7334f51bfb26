package org.cdigateway.internal.deployment;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.InjectionPoint;

/** Prints classes, methods and parameters the way every deployment error names them. */
public final class Describe {

    private Describe() {}

    /** {@code com.example.ChatGateway#join(JoinRequest, GatewayClient)}. */
    public static String method(Method m) {
        StringBuilder sb = new StringBuilder(type(m.getDeclaringClass())).append('#').append(m.getName()).append('(');
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(params[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    /** The binary name with {@code .} for nested classes: {@code com.example.Outer.ChatGateway}. */
    public static String type(Class<?> c) {
        return c.getName().replace('$', '.');
    }

    /** A parameter by position and type: {@code parameter 2 (Session)}. */
    public static String parameter(Method m, int index) {
        return "parameter " + (index + 1) + " (" + m.getParameterTypes()[index].getSimpleName() + ") of " + method(m);
    }

    /** A generic type in short form. */
    public static String typeName(Type t) {
        return t instanceof Class<?> c
                ? c.getSimpleName()
                : t.getTypeName().replaceAll("[a-z0-9_$]+\\.", "").replace('$', '.');
    }

    /** An injection point: {@code com.example.Ticker#server} (a field) or {@code parameter 1 of Ticker#Ticker(..)}. */
    public static String injectionPoint(InjectionPoint ip) {
        Member member = ip.getMember();
        if (member instanceof Field f) {
            return type(f.getDeclaringClass()) + "#" + f.getName();
        }
        if (member instanceof Method m
                && ip.getAnnotated() instanceof AnnotatedParameter<?> p) {
            return parameter(m, p.getPosition());
        }
        if (member instanceof Constructor<?> c
                && ip.getAnnotated() instanceof AnnotatedParameter<?> p) {
            return "parameter " + (p.getPosition() + 1) + " of the constructor of " + type(c.getDeclaringClass());
        }
        return String.valueOf(member);
    }
}
