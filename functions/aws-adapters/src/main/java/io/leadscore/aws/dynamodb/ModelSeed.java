package io.leadscore.aws.dynamodb;

import io.leadscore.model.ModelException;
import io.leadscore.model.ModelLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a model's revision 1 is made from when the table has none yet: the YAML shipped in the jar, or the file at
 * {@code MODEL_PATH} (the local runtime's {@code --model}, and a test hook). Once the revision exists, this is never
 * read again: a model then changes by drafting and publishing revisions, with no redeploy.
 *
 * @param source what the YAML was read from, for people: {@code default-model.yaml} or the file's path
 */
public record ModelSeed(String yaml, String source) {
    public static final String DEFAULT_SOURCE = "default-model.yaml";

    /** The file at {@code path}, or the shipped default when the path is null or blank. */
    public static ModelSeed of(String path) {
        if (path == null || path.isBlank()) {
            try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
                return new ModelSeed(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_SOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return new ModelSeed(Files.readString(Path.of(path)), path);
        } catch (IOException e) {
            throw new ModelException(path, List.of("cannot be read: " + e));
        }
    }

    /** Who a seeded revision names as its author and publisher. */
    public String author() {
        return "leadscore seed (" + source + ")";
    }
}
