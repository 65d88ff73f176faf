package io.leadscore.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files served as they are from a folder of the classpath under a URL prefix: the dashboard at {@code /dashboard/}.
 * Only plain file names directly in the folder are served (letters, digits, '-', '_', one or more extensions), so no
 * path can climb out of it, whatever its encoding: anything else is not found.
 */
final class StaticFiles {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8");

    /** A file to send: its bytes and content type. */
    record File(byte[] content, String contentType) {
    }

    private final String prefix;
    private final String folder;

    /**
     * @param prefix the URL path it serves, ending in '/'; the prefix itself serves {@code index.html}
     * @param folder the classpath folder holding the files, e.g. {@code io/leadscore/dashboard}
     */
    StaticFiles(String prefix, String folder) {
        this.prefix = prefix;
        this.folder = folder;
    }

    String prefix() {
        return prefix;
    }

    /** Whether {@code rawPath} is this folder's to answer, found or not: the prefix with or without its slash. */
    boolean covers(String rawPath) {
        return rawPath.startsWith(prefix) || rawPath.equals(prefix.substring(0, prefix.length() - 1));
    }

    /** The file at {@code rawPath} (as the request sent it, still encoded), if it is one this folder serves. */
    Optional<File> find(String rawPath) {
        String name = rawPath.equals(prefix) ? "index.html" : rawPath.substring(prefix.length());
        String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (!FILE_NAME.matcher(name).matches() || type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(folder + "/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new File(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + "/" + name, e);
        }
    }
}
