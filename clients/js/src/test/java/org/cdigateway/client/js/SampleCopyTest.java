package org.cdigateway.client.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The sample's pages load a copy of the built client, {@code sample-war/src/main/webapp/vendor/cdigateway-client.js},
 * kept in the repository so that the sample builds and runs without Node.js. This test keeps that copy the same as
 * {@code dist/index.js}; with {@code -Dclient.sync} it writes the fresh build over the copy instead.
 */
class SampleCopyTest {

    static final Path COPY = Node.PACKAGE.resolve("../../sample-war/src/main/webapp/vendor/cdigateway-client.js")
            .normalize();

    static final String REFRESH = "Refresh it with: ./mvnw -pl clients/js -am verify -Dtest=SampleCopyTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dclient.sync (or, after npm run build in clients/js:"
            + " cp clients/js/dist/index.js sample-war/src/main/webapp/vendor/cdigateway-client.js), and commit it.";

    @Test
    void theSamplesCopyIsTheBuiltClient() throws IOException {
        Path built = Node.built().resolve("dist/index.js"); // skips the test, with the reason, without Node.js
        String fresh = Files.readString(built, StandardCharsets.UTF_8);
        if (System.getProperty("client.sync") != null) {
            Files.createDirectories(COPY.getParent());
            Files.writeString(COPY, fresh, StandardCharsets.UTF_8);
        }
        assertThat(COPY).as("the sample's copy of the client, %s, is missing. %s", COPY, REFRESH).exists();
        // a checkout with CRLF line ends is still the same file
        List<String> copy = Files.readString(COPY, StandardCharsets.UTF_8).lines().toList();
        List<String> lines = fresh.lines().toList();
        int line = 0;
        while (line < Math.min(copy.size(), lines.size()) && copy.get(line).equals(lines.get(line))) {
            line++;
        }
        assertThat(line == copy.size() && line == lines.size()).as("the sample's copy of the client, %s, differs"
                + " from the build of %s from line %d on. %s", COPY, built, line + 1, REFRESH).isTrue();
    }
}
