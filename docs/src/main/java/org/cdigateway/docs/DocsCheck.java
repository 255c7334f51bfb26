package org.cdigateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks what Asciidoctor does not: that the code written inline in the pages a repository browser shows is the
 * tagged region of the source it names, and that every link of the rendered pages and of the Markdown files reaches
 * an existing page and anchor.
 *
 * <p>
 * An inline block is marked by the line before it: {@code <!-- include: path[tag=name] -->} before a fenced block in
 * Markdown, {@code // include: path[tag=name]} before a {@code [source]} listing in AsciiDoc; the path is relative to
 * the page, as an {@code include::} directive's. In Markdown the callouts ({@code // <1>}) are left out.
 *
 * <p>
 * Arguments: {@code check}, {@code sync} (rewrite the inline blocks, before rendering) or {@code skip}, the
 * repository's root, the rendered site.
 */
public final class DocsCheck {

    static final String SYNC_COMMAND = "./mvnw -B -pl docs -am process-classes -Ddocs.sync";

    private static final Pattern MD_MARKER = Pattern.compile("^<!-- include: (\\S+?)(?:\\[(.*)])? -->$");
    private static final Pattern ADOC_MARKER = Pattern.compile("^// include: (\\S+?)(?:\\[(.*)])?$");
    private static final Pattern TAG_DIRECTIVE = Pattern.compile("\\b(?:tag|end)::([\\w.-]+)\\[]");
    private static final Pattern CALLOUT = Pattern.compile("\\s*// <\\d+>$");
    private static final Pattern HREF = Pattern.compile("\\b(?:href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]*)\"");
    private static final Pattern MD_LINK = Pattern.compile("]\\(([^)\\s]+)\\)");

    private final Path root;
    private final Path docs;
    private final Path site;
    private final boolean sync;
    private final List<String> problems = new ArrayList<>();
    private final Map<Path, Set<String>> ids = new HashMap<>();

    DocsCheck(Path root, Path site, boolean sync) {
        this.root = root;
        this.docs = root.resolve("docs");
        this.site = site;
        this.sync = sync;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !List.of("check", "sync", "skip").contains(args[0])) {
            throw new IllegalArgumentException("usage: DocsCheck check|sync|skip <repository root> <rendered site>");
        }
        if (args[0].equals("skip")) {
            return;
        }
        DocsCheck check = new DocsCheck(Path.of(args[1]).toAbsolutePath().normalize(),
                Path.of(args[2]).toAbsolutePath().normalize(), args[0].equals("sync"));
        List<String> problems = check.run();
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("[docs] " + p));
            throw new IllegalStateException(problems.size() + " problem(s) in the documentation:\n  "
                    + String.join("\n  ", problems));
        }
    }

    List<String> run() throws IOException {
        List<Path> markdown = new ArrayList<>();
        for (String name : List.of("README.md", "CONTRIBUTING.md")) {
            if (Files.isRegularFile(root.resolve(name))) {
                markdown.add(root.resolve(name));
            }
        }
        List<Path> pages = pages();
        for (Path page : markdown) {
            inlineBlocks(page, MD_MARKER, true);
        }
        for (Path page : pages) {
            inlineBlocks(page, ADOC_MARKER, false);
        }
        if (sync) {
            return problems;
        }
        for (Path page : pages) {
            renderedLinks(page);
        }
        for (Path page : markdown) {
            markdownLinks(page);
        }
        return problems;
    }

    private List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(docs)) {
            return files.filter(p -> p.toString().endsWith(".adoc"))
                    .filter(p -> !p.startsWith(docs.resolve("target")) && !p.startsWith(docs.resolve("src")))
                    .sorted().toList();
        }
    }

    // --- inline blocks

    private void inlineBlocks(Path page, Pattern marker, boolean markdown) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        boolean changed = false;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            out.add(line);
            i++;
            Matcher m = marker.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String where = rel(page) + ":" + i;
            // the block's opening delimiter: a fence in Markdown; after attribute lines in AsciiDoc
            while (i < lines.size() && !markdown && lines.get(i).startsWith("[")) {
                out.add(lines.get(i++));
            }
            if (i >= lines.size() || !opens(lines.get(i), markdown)) {
                problems.add(where + ": the marker '" + line.strip() + "' is not followed by a "
                        + (markdown ? "fenced code block" : "---- listing block"));
                continue;
            }
            String fence = lines.get(i);
            out.add(fence);
            i++;
            int start = i;
            while (i < lines.size() && !closes(lines.get(i), fence, markdown)) {
                i++;
            }
            if (i >= lines.size()) {
                problems.add(where + ": the block after '" + line.strip() + "' is not closed");
                continue;
            }
            List<String> current = lines.subList(start, i);
            List<String> expected;
            try {
                expected = region(page.getParent().resolve(m.group(1)).normalize(), m.group(2), markdown);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                expected = current;
            }
            if (!current.equals(expected)) {
                if (sync) {
                    changed = true;
                    System.out.println("[docs] rewrote the block at " + where + " from " + m.group(1));
                } else {
                    problems.add(where + ": the block under '" + line.strip() + "' differs from the source ("
                            + firstDifference(current, expected) + "); run `" + SYNC_COMMAND
                            + "` to rewrite it");
                }
            }
            out.addAll(expected);
        }
        if (changed) {
            Files.writeString(page, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
        }
    }

    private static boolean opens(String line, boolean markdown) {
        return markdown ? line.startsWith("```") : line.equals("----");
    }

    private static boolean closes(String line, String fence, boolean markdown) {
        return markdown ? line.strip().equals(fence.replaceAll("[^`]", "")) : line.equals(fence);
    }

    private static String firstDifference(List<String> current, List<String> expected) {
        for (int k = 0; k < Math.max(current.size(), expected.size()); k++) {
            String a = k < current.size() ? current.get(k) : "<end of block>";
            String b = k < expected.size() ? expected.get(k) : "<end of region>";
            if (!a.equals(b)) {
                return "line " + (k + 1) + " of the block is \"" + a.strip() + "\", the source has \"" + b.strip()
                        + "\"";
            }
        }
        return "same lines";
    }

    /** The lines an {@code include::} with {@code tag=} and {@code indent=0} gives, as Asciidoctor computes them. */
    private List<String> region(Path source, String attributes, boolean stripCallouts) {
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("no such file: " + rel(source));
        }
        String tag = null;
        if (attributes != null) {
            for (String attribute : attributes.split(",")) {
                String[] kv = attribute.strip().split("=", 2);
                if (kv[0].equals("tag") && kv.length == 2) {
                    tag = kv[1].strip();
                } else if (!kv[0].isEmpty()) {
                    throw new IllegalArgumentException("only tag= is understood, not '" + attribute + "'");
                }
            }
        }
        List<String> all;
        try {
            all = Files.readAllLines(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>();
        boolean inside = tag == null;
        boolean found = tag == null;
        for (String line : all) {
            Matcher d = TAG_DIRECTIVE.matcher(line);
            if (d.find()) {
                if (d.group(1).equals(tag)) {
                    inside = line.contains("tag::" + tag + "[]");
                    found = true;
                }
                continue;
            }
            if (inside) {
                lines.add(stripCallouts ? CALLOUT.matcher(line).replaceAll("") : line);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no tag '" + tag + "' in " + rel(source));
        }
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).map(String::stripTrailing).toList();
    }

    // --- links

    private void renderedLinks(Path page) throws IOException {
        String relPage = docs.relativize(page).toString();
        Path html = site.resolve(relPage.substring(0, relPage.length() - ".adoc".length()) + ".html");
        if (!Files.isRegularFile(html)) {
            problems.add("docs/" + relPage + ": not rendered to " + rel(html));
            return;
        }
        String text = Files.readString(html, StandardCharsets.UTF_8);
        Matcher m = HREF.matcher(text);
        while (m.find()) {
            String target = m.group(1).replace("&amp;", "&");
            if (external(target)) {
                continue;
            }
            String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
            Path resolved = path.isEmpty() ? html : html.getParent().resolve(path).normalize();
            if (!Files.exists(resolved)) {
                // a link to a file of the repository, relative to the page's source
                Path source = page.getParent().resolve(path).normalize();
                if (!path.endsWith(".html") && Files.exists(source)) {
                    continue;
                }
                problems.add("docs/" + relPage + ": links to " + target + ", which is neither a page nor a file");
                continue;
            }
            if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".html")
                    && !ids(resolved).contains(anchor)) {
                problems.add("docs/" + relPage + ": links to " + target + ", but "
                        + (resolved.equals(html) ? "the page" : site.relativize(resolved)) + " has no anchor '"
                        + anchor + "'");
            }
        }
    }

    private void markdownLinks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        boolean code = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.startsWith("```")) {
                code = !code;
            }
            if (code) {
                continue;
            }
            Matcher m = MD_LINK.matcher(line);
            while (m.find()) {
                String target = m.group(1);
                if (external(target) || target.startsWith("#")) {
                    continue;
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = page.getParent().resolve(path).normalize();
                String where = rel(page) + ":" + (n + 1);
                if (!Files.exists(resolved)) {
                    problems.add(where + ": links to " + target + ", which does not exist");
                } else if (anchor != null && path.endsWith(".adoc") && resolved.startsWith(docs)) {
                    String relPage = docs.relativize(resolved).toString();
                    Path html = site.resolve(relPage.substring(0, relPage.length() - ".adoc".length()) + ".html");
                    if (!ids(html).contains(anchor)) {
                        problems.add(where + ": links to " + target + ", but the page has no anchor '" + anchor
                                + "'");
                    }
                }
            }
        }
    }

    private Set<String> ids(Path html) {
        return ids.computeIfAbsent(html, h -> {
            Set<String> found = new HashSet<>();
            try {
                Matcher m = ID.matcher(Files.readString(h, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(m.group(1));
                }
            } catch (IOException e) {
                // a missing page is reported where it is linked
            }
            return found;
        });
    }

    private static boolean external(String target) {
        return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("//");
    }

    private String rel(Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }
}
