package io.leadscore.query;

import io.leadscore.model.ModelException;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.support.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scoring model in force and the text it was parsed from, read once: its SHA-256 identifies exactly what
 * scores leads, beyond the id and version a person may forget to bump.
 */
record ModelSource(ScoringModel model, String sha256) {

    /** The model at {@code path} (MODEL_PATH), or the shipped default when it is null or blank, as ModelLoader reads it. */
    static ModelSource load(String path) {
        String text;
        String name;
        if (path == null || path.isBlank()) {
            text = resource(ModelLoader.DEFAULT_MODEL);
            name = "default-model.yaml";
        } else {
            try {
                text = Files.readString(Path.of(path));
            } catch (IOException e) {
                throw new ModelException(path, List.of("cannot be read: " + e));
            }
            name = path;
        }
        return new ModelSource(ModelLoader.parse(text, name), Sha256.hex(text));
    }

    private static String resource(String name) {
        try (InputStream in = ModelLoader.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
