package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the docs honest: every {@code include::} of an AsciiDoc page names a file that exists and, for each tag it
 * asks for, a file that has that tagged region; every {@code link:} and {@code xref:} to a local page names a page
 * that exists.
 */
class DocsIncludesTest {

    static final Path DOCS = Path.of("..", "docs");

    /** {@code include::path[attributes]} at the start of a line, as AsciiDoc requires. */
    static final Pattern INCLUDE = Pattern.compile("(?m)^include::([^\\[\\s]+)\\[([^\\]]*)\\]\\s*$");
    /** {@code tag=name} or {@code tags=a;b} (or {@code a,b}) in the attribute list. */
    static final Pattern TAGS = Pattern.compile("(?:^|,)\\s*tags?=(\"[^\"]*\"|[^,]*)");
    /** {@code link:target[...]} and {@code xref:target[...]}. */
    static final Pattern LINK = Pattern.compile("(?:link|xref):([^\\[\\s]+)\\[");
    /** {@code <<target.adoc#anchor,text>>}. */
    static final Pattern ANGLE_XREF = Pattern.compile("<<([^,>#\\s]+\\.adoc)[#,>]");

    @Test
    void includesAndLinksResolve() throws IOException {
        assertThat(DOCS).as("docs directory %s", DOCS.toAbsolutePath().normalize()).isDirectory();
        List<Path> pages = pages();
        assertThat(pages).as("AsciiDoc pages under %s", DOCS).isNotEmpty();

        List<String> problems = new ArrayList<>();
        int includes = 0;
        for (Path page : pages) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            Matcher include = INCLUDE.matcher(text);
            while (include.find()) {
                includes++;
                checkInclude(page, include.group(1), include.group(2), problems);
            }
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                checkLink(page, link.group(1), problems);
            }
            Matcher angle = ANGLE_XREF.matcher(text);
            while (angle.find()) {
                checkLink(page, angle.group(1), problems);
            }
        }

        assertThat(includes).as("include:: directives found in %s", DOCS).isPositive();
        assertThat(problems).as("broken includes and links in %s", DOCS).isEmpty();
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(DOCS)) {
            return files.filter(p -> p.toString().endsWith(".adoc")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void checkInclude(Path page, String target, String attributes, List<String> problems)
            throws IOException {
        String where = DOCS.relativize(page) + ": include::" + target + "[" + attributes + "]";
        if (target.contains("{")) {
            problems.add(where + " uses an attribute in its path, which this test cannot resolve");
            return;
        }
        Path file = page.getParent().resolve(target).normalize();
        if (!Files.isRegularFile(file)) {
            problems.add(where + ": no file " + file.toAbsolutePath().normalize());
            return;
        }
        List<String> tags = tags(attributes);
        if (tags.isEmpty()) {
            return;
        }
        String source = Files.readString(file, StandardCharsets.UTF_8);
        for (String tag : tags) {
            int start = source.indexOf("tag::" + tag + "[]");
            int end = source.indexOf("end::" + tag + "[]");
            if (start < 0) {
                problems.add(where + ": " + file.getFileName() + " has no tag::" + tag + "[]");
            }
            if (end < 0) {
                problems.add(where + ": " + file.getFileName() + " has no end::" + tag + "[]");
            }
            if (start >= 0 && end >= 0 && end < start) {
                problems.add(where + ": " + file.getFileName() + " has end::" + tag + "[] before tag::" + tag + "[]");
            }
        }
    }

    /** The tag names an include asks for; negated tags and wildcards name no region to check. */
    static List<String> tags(String attributes) {
        List<String> tags = new ArrayList<>();
        Matcher m = TAGS.matcher(attributes);
        while (m.find()) {
            String value = m.group(1).trim();
            if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
                value = value.substring(1, value.length() - 1);
            }
            for (String tag : value.split("[;,]")) {
                String t = tag.trim();
                if (!t.isEmpty() && !t.startsWith("!") && !t.contains("*")) {
                    tags.add(t);
                }
            }
        }
        return tags;
    }

    private static void checkLink(Path page, String target, List<String> problems) {
        if (target.contains("://") || target.startsWith("mailto:") || target.startsWith("#")) {
            return;
        }
        int anchor = target.indexOf('#');
        String path = anchor >= 0 ? target.substring(0, anchor) : target;
        if (!path.endsWith(".adoc")) {
            return;
        }
        Path file = page.getParent().resolve(path).normalize();
        if (!Files.isRegularFile(file)) {
            problems.add(DOCS.relativize(page) + ": link to " + target + ", but there is no "
                    + file.toAbsolutePath().normalize());
        }
    }

    @Test
    void readsTagLists() {
        assertThat(tags("tag=gateway")).containsExactly("gateway");
        assertThat(tags("tags=a;b")).containsExactly("a", "b");
        assertThat(tags("indent=0,tags=\"a;!b;c\"")).containsExactly("a", "c");
        assertThat(tags("indent=0")).isEmpty();
    }
}
