package org.cdigateway.internal.client;

import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The rooms one client joined: a few names in an array (most clients join one to three rooms, and a hash set would
 * cost about 130 bytes for the first), a hash set beyond {@value #SMALL}. Not thread-safe: guarded by the caller
 * ({@link org.cdigateway.internal.rooms.Rooms} holds its monitor).
 */
final class RoomNames extends AbstractSet<String> {

    static final int SMALL = 8;

    private String[] names; // null until the first join; the first size entries are the rooms
    private int size;
    private Set<String> many; // instead of names, past SMALL rooms

    @Override
    public boolean add(String name) {
        if (many != null) {
            return many.add(name);
        }
        if (contains(name)) {
            return false;
        }
        if (size == SMALL) {
            many = new HashSet<>(this);
            names = null;
            size = 0;
            return many.add(name);
        }
        if (names == null) {
            names = new String[2];
        } else if (size == names.length) {
            names = java.util.Arrays.copyOf(names, Math.min(SMALL, size * 2));
        }
        names[size++] = name;
        return true;
    }

    @Override
    public boolean contains(Object o) {
        if (many != null) {
            return many.contains(o);
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(o)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean remove(Object o) {
        if (many != null) {
            return many.remove(o);
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(o)) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    private void removeAt(int i) {
        System.arraycopy(names, i + 1, names, i, size - i - 1); // keeps the order of joining
        names[--size] = null;
        if (size == 0) {
            names = null;
        }
    }

    @Override
    public void clear() {
        names = null;
        size = 0;
        many = null;
    }

    @Override
    public int size() {
        return many != null ? many.size() : size;
    }

    @Override
    public Iterator<String> iterator() {
        if (many != null) {
            return many.iterator();
        }
        return new Iterator<>() {

            private int next;
            private boolean removable;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public String next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                removable = true;
                return names[next++];
            }

            @Override
            public void remove() {
                if (!removable) {
                    throw new IllegalStateException();
                }
                removable = false;
                removeAt(--next);
            }
        };
    }
}
