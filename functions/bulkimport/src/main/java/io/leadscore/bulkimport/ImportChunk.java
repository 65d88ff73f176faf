package io.leadscore.bulkimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leadscore.aws.dynamodb.ImportProgressStore.ImportId;
import io.leadscore.bulk.ByteRange;
import io.leadscore.support.Json;

/**
 * One chunk of an import, the body of a message on the chunk queue: which upload (bucket, key and the ETag it had
 * when split, so that a chunk of an object replaced since is refused rather than mixed), which chunk of how many, and
 * its bytes, and for a CSV the header line that names its cells (at most
 * {@link io.leadscore.bulk.CsvChunks#MAX_HEADER_BYTES}). A few hundred bytes, or a header more, whatever the object's
 * size.
 *
 * @param header the CSV's header line, without its line end; null for JSON Lines
 */
public record ImportChunk(String bucket, String key, String eTag, int chunk, int chunks, long from, long to,
                          String header) {

    public ImportChunk {
        require(bucket, "bucket");
        require(key, "key");
        require(eTag, "eTag");
        if (chunks < 1 || chunk < 0 || chunk >= chunks) {
            throw new IllegalArgumentException("chunk: must be from 0 to chunks - 1, with chunks at least 1 (chunk "
                    + chunk + " of " + chunks + ")");
        }
        new ByteRange(from, to);
    }

    ImportChunk(ImportId id, int chunk, int chunks, ByteRange range, String header) {
        this(id.bucket(), id.key(), id.eTag(), chunk, chunks, range.from(), range.to(), header);
    }

    ImportId importId() {
        return new ImportId(bucket, key, eTag);
    }

    ByteRange range() {
        return new ByteRange(from, to);
    }

    String toJson() {
        return Json.write(this);
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    static ImportChunk parse(String body) {
        try {
            return Json.mapper().readValue(body, ImportChunk.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new IllegalArgumentException("not a chunk message: " + cause.getMessage(), e);
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
    }
}
