package io.leadscore.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A text file the build put on the function's class path (the tracking snippet, the API's description), read once. */
final class ClassPathText {
    private ClassPathText() {
    }

    /** @param origin where the build takes it from, for the message when it is missing */
    static String read(String resource, String origin) {
        try (InputStream in = ClassPathText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (" + origin + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
