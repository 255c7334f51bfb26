package org.cdigateway.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The set of a client's rooms behaves as a set, small or large, and keeps the order of joining while small. */
class RoomNamesTest {

    @Test
    void behavesAsASetThroughRandomJoinsAndLeavesAcrossTheSmallLimit() {
        Random random = new Random(42);
        RoomNames rooms = new RoomNames();
        Set<String> expected = new LinkedHashSet<>();
        for (int step = 0; step < 20_000; step++) {
            String name = "r" + random.nextInt(RoomNames.SMALL * 3);
            if (random.nextInt(3) == 0) {
                assertThat(rooms.remove(name)).isEqualTo(expected.remove(name));
            } else {
                assertThat(rooms.add(name)).isEqualTo(expected.add(name));
            }
            assertThat(rooms.size()).isEqualTo(expected.size());
            assertThat(rooms.contains(name)).isEqualTo(expected.contains(name));
            if (step % 500 == 0) {
                assertThat(rooms).containsExactlyInAnyOrderElementsOf(expected);
                rooms.clear();
                expected.clear();
            }
        }
    }

    @Test
    void keepsTheOrderOfJoiningAndIteratesWithRemoval() {
        RoomNames rooms = new RoomNames();
        for (String r : List.of("a", "b", "c", "d")) {
            rooms.add(r);
        }
        rooms.remove("b");
        assertThat(new ArrayList<>(rooms)).containsExactly("a", "c", "d");
        Iterator<String> it = rooms.iterator();
        assertThat(it.next()).isEqualTo("a");
        it.remove();
        assertThat(it.next()).isEqualTo("c");
        assertThat(new ArrayList<>(rooms)).containsExactly("c", "d");
        rooms.removeIf(r -> r.equals("d"));
        assertThat(rooms).containsExactly("c");
        rooms.remove("c");
        assertThat(rooms).isEmpty();
        assertThat(rooms.add("c")).isTrue();
    }
}
