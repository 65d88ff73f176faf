package io.leadscore.ingest;

import java.util.Locale;
import java.util.Set;

/**
 * The content types whose body POST /v1/events reads as JSON: {@code application/json}, and {@code text/plain},
 * which is how {@code navigator.sendBeacon} sends a string (a JSON type would need a CORS preflight, which a beacon
 * cannot make). Parameters such as {@code charset} are ignored: the body is read as UTF-8 whatever they say.
 */
final class JsonContentType {
    private static final Set<String> MEDIA_TYPES = Set.of("application/json", "text/plain");

    private JsonContentType() {
    }

    static boolean accepts(String contentType) {
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return MEDIA_TYPES.contains(mediaType.trim().toLowerCase(Locale.ROOT));
    }
}
