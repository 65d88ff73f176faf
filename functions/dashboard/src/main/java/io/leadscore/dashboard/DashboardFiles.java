package io.leadscore.dashboard;

import io.leadscore.support.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's files as the build put them on the class path (io/leadscore/dashboard, from web/dashboard), each
 * read once per container, with {@code config.js} the stack's (DashboardConfig). Only plain names of the folder's
 * own page, scripts, styles and icon are served, so no name can reach another resource of the class path.
 */
final class DashboardFiles {
    private static final String FOLDER = "/io/leadscore/dashboard/";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+\\.(html|js|css|svg)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    static final String CONFIG = "config.js";

    /** A file to send: its text, content type and version (an ETag). */
    record File(String text, String contentType, String etag) {
        static File of(String text, String contentType) {
            return new File(text, contentType, "\"" + Sha256.hex(text).substring(0, 32) + "\"");
        }
    }

    private final File config;
    private final Map<String, Optional<File>> read = new ConcurrentHashMap<>();

    DashboardFiles(DashboardConfig config) {
        this.config = File.of(config.script(), CONTENT_TYPES.get("js"));
    }

    /** The file of that name, if the dashboard has one. */
    Optional<File> find(String name) {
        Matcher plain = FILE_NAME.matcher(name);
        if (!plain.matches()) {
            return Optional.empty();
        }
        if (name.equals(CONFIG)) {
            return Optional.of(config);
        }
        return read.computeIfAbsent(name, n -> load(n, CONTENT_TYPES.get(plain.group(1))));
    }

    private static Optional<File> load(String name, String contentType) {
        try (InputStream in = DashboardFiles.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? Optional.empty()
                    : Optional.of(File.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name, e);
        }
    }
}
