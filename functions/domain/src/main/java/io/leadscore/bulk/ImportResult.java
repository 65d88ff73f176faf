package io.leadscore.bulk;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of importing one uploaded object, written beside it as {@code <key>.result.json} once every chunk is
 * loaded.
 *
 * @param rejectedRows        the rejected rows kept (at most {@link ChunkTally#MAX_REJECTED_ROWS} per chunk), in the
 *                            order of the object
 * @param rejectedRowsOmitted the rejected rows counted but not listed
 * @param refused             why nothing of the object was loaded (e.g. a mapping that does not exist), else null
 */
public record ImportResult(String key, String eTag, long accepted, long duplicates, long rejected, int chunks,
                           Instant startedAt, Instant finishedAt, List<RejectedRow> rejectedRows,
                           long rejectedRowsOmitted, String refused) {

    public ImportResult {
        rejectedRows = List.copyOf(rejectedRows);
    }

    /** The result of an object of which nothing was loaded, and why. */
    public static ImportResult refused(String key, String eTag, Instant at, String why) {
        return new ImportResult(key, eTag, 0, 0, 0, 0, at, at, List.of(), 0, why);
    }

    /** The result object's key: beside the imported one. */
    public static String keyFor(String importedKey) {
        return importedKey + ".result.json";
    }
}
