package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.support.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where an import stands, written beside its file after each batch the API answered for: the byte offset and line
 * the next run starts after, the counts so far, and how long the rejects file was then. Written to a temporary file
 * and moved over the old one, so a process killed at any moment leaves the previous state or the new one, never half
 * of one. A re-run may thus send one batch again; the events' ids make that harmless (they come back as duplicates).
 *
 * @param kind what was imported and how ("events", "leads hubspot"), so a resume with other options is refused
 */
record ImportState(String kind, long offset, long line, long accepted, long duplicates, long rejected,
                   long rejectsLength) {
    static ImportState start(String kind) {
        return new ImportState(kind, 0, 0, 0, 0, 0, 0);
    }

    long rows() {
        return accepted + duplicates + rejected;
    }

    ImportState after(ImportRow last, long accepted, long duplicates, long rejected, long rejectsLength) {
        return new ImportState(kind, last.end(), last.line(), this.accepted + accepted, this.duplicates + duplicates,
                this.rejected + rejected, rejectsLength);
    }

    /** The state an interrupted import left at {@code path}, or null when there is none. */
    static ImportState read(Path path) {
        if (!Files.exists(path)) {
            return null;
        }
        try {
            JsonNode json = Json.mapper().readTree(Files.readString(path, StandardCharsets.UTF_8));
            return new ImportState(json.path("kind").asText(), json.path("offset").asLong(), json.path("line").asLong(),
                    json.path("accepted").asLong(), json.path("duplicates").asLong(), json.path("rejected").asLong(),
                    json.path("rejectsLength").asLong());
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot read the import's checkpoint " + path + ": " + e.getMessage()
                    + " (--restart starts the import over)", e);
        }
    }

    void write(Path path) {
        ObjectNode json = Json.mapper().createObjectNode().put("kind", kind).put("offset", offset).put("line", line)
                .put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected)
                .put("rejectsLength", rejectsLength);
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, json.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot write the import's checkpoint " + path + ": " + e.getMessage(), e);
        }
    }
}
