package org.cdigateway.internal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps the message catalogue and {@code docs/reference/errors.adoc} in step: every ID in {@link GatewayMessages}
 * has its row in the reference, the reference documents no ID that does not exist, and no ID is used twice.
 */
class ErrorCatalogueTest {

    private static final Pattern ID = Pattern.compile("GW-\\d{4}");
    /** A table row of errors.adoc starts with the ID's anchor: {@code | [[GW-0102]]GW-0102}. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\|\\s*\\[\\[(GW-\\d{4})]]\\1\\s*$");

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
    private static final Path MESSAGES = BASEDIR
            .resolve("src/main/java/org/cdigateway/internal/deployment/GatewayMessages.java");
    private static final Path ERRORS = BASEDIR.resolve("../docs/reference/errors.adoc");

    @Test
    void everyMessageIdHasARowAndEveryRowAnId() throws IOException {
        Set<String> inCode = new TreeSet<>(ids(read(MESSAGES)));
        Set<String> inDocs = new TreeSet<>(ids(read(ERRORS)));
        assertThat(inCode).as("IDs in GatewayMessages.java").isNotEmpty();
        assertThat(inDocs).as("IDs in errors.adoc").isEqualTo(inCode);
    }

    @Test
    void noIdIsUsedTwiceInTheCatalogue() throws IOException {
        assertThat(ids(read(MESSAGES))).as("IDs in GatewayMessages.java").doesNotHaveDuplicates();
    }

    @Test
    void theReferenceHasExactlyOneRowPerId() throws IOException {
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(read(ERRORS));
        while (m.find()) {
            rows.add(m.group(1));
        }
        assertThat(rows).as("rows of errors.adoc").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(ids(read(MESSAGES))));
    }

    /** IDs appear in messages only through the catalogue: no string literal of other main code carries one. */
    @Test
    void noMainCodeBuildsAnIdOutsideTheCatalogue() throws IOException {
        Pattern literal = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*GW-\\d{4}");
        List<String> offenders = new ArrayList<>();
        try (var files = Files.walk(BASEDIR.resolve("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.endsWith(MESSAGES.getFileName()) && f.getParent().endsWith("deployment")) {
                    continue;
                }
                Matcher m = literal.matcher(read(f));
                while (m.find()) {
                    offenders.add(BASEDIR.relativize(f) + ": " + m.group());
                }
            }
        }
        assertThat(offenders).as("string literals with an error ID outside GatewayMessages").isEmpty();
    }

    private static List<String> ids(String text) {
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(text);
        while (m.find()) {
            ids.add(m.group());
        }
        return ids;
    }

    private static String read(Path file) throws IOException {
        assertThat(file).as("relative to the module's basedir").isRegularFile();
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
