package io.leadscore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.FieldError;
import io.leadscore.support.Json;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The rows an import could not send or the API refused, a JSON line each: {@code {"line": N, "row": "the row as in
 * the file", "errors": [{"field", "problem"}]}}. Created at the first rejected row. A resumed import cuts it back to
 * its length at the checkpoint, so the rows of a batch that is sent again are not listed twice.
 */
final class RejectsFile implements Closeable {
    private final Path path;
    private FileChannel channel;

    private RejectsFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A new import's: what an earlier one left there is removed. */
    static RejectsFile fresh(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
        return new RejectsFile(path, null);
    }

    /** A resumed import's, as long as it was at the checkpoint. */
    static RejectsFile resumed(Path path, long length) {
        if (length == 0) {
            return fresh(path);
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
            channel.truncate(length);
            channel.position(length);
            return new RejectsFile(path, channel);
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
    }

    Path path() {
        return path;
    }

    void add(ImportRow row, List<FieldError> errors) {
        ObjectNode line = Json.mapper().createObjectNode().put("line", row.line()).put("row", row.text());
        ArrayNode list = line.putArray("errors");
        errors.forEach(error -> list.addObject().put("field", error.field()).put("problem", error.problem()));
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            }
            channel.write(StandardCharsets.UTF_8.encode(line + "\n"));
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
    }

    /** Its length, once what was added is on disk: the checkpoint records it. */
    long length() {
        if (channel == null) {
            return 0;
        }
        try {
            channel.force(false);
            return channel.size();
        } catch (IOException e) {
            throw cannotWrite(path, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    private static Failure cannotWrite(Path path, IOException e) {
        return new Failure(ExitCode.IO, "cannot write the rejected rows to " + path + ": " + e.getMessage(), e);
    }
}
