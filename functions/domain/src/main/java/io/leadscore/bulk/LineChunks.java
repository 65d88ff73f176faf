package io.leadscore.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a line-oriented object (JSON Lines, CSV without line breaks inside fields) into byte ranges of about
 * {@code chunkBytes} each that end at a line end, so that loaders working in parallel each read whole lines and every
 * byte belongs to exactly one range. Only the bytes around each cut are read: the splitter never reads the object.
 */
public final class LineChunks {

    /** Reads {@code length} bytes from {@code from} (fewer at the end of the object): a ranged GET. */
    @FunctionalInterface
    public interface Bytes {
        byte[] read(long from, int length);
    }

    private final long chunkBytes;
    private final int probeBytes;

    /**
     * @param chunkBytes the size each range aims at; a range is longer by the rest of the line it would cut
     * @param probeBytes how much is read at a time to find a line end past a cut
     */
    public LineChunks(long chunkBytes, int probeBytes) {
        if (chunkBytes < 1 || probeBytes < 1) {
            throw new IllegalArgumentException("chunkBytes and probeBytes must be positive");
        }
        this.chunkBytes = chunkBytes;
        this.probeBytes = probeBytes;
    }

    /** The ranges of an object of {@code size} bytes, in order; none for an empty object. */
    public List<ByteRange> plan(long size, Bytes object) {
        List<ByteRange> ranges = new ArrayList<>();
        long from = 0;
        while (from < size) {
            long to = from + chunkBytes >= size ? size : lineEndFrom(from + chunkBytes - 1, size, object);
            ranges.add(new ByteRange(from, to));
            from = to;
        }
        return ranges;
    }

    /** One past the first line end at or after {@code position}; the object's size when no line end follows. */
    private long lineEndFrom(long position, long size, Bytes object) {
        for (long at = position; at < size; ) {
            byte[] probe = object.read(at, (int) Math.min(probeBytes, size - at));
            if (probe.length == 0) {
                throw new IllegalStateException("the object ended at byte " + at + ", before its size of " + size);
            }
            for (int i = 0; i < probe.length; i++) {
                if (probe[i] == '\n') {
                    return at + i + 1;
                }
            }
            at += probe.length;
        }
        return size;
    }
}
