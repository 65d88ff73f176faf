package io.leadscore.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a CSV object into its header and byte ranges of about {@code chunkBytes} of records after it. A quoted cell may
 * hold line breaks, and whether a line end is inside one depends on every quote before it, so, unlike
 * {@link LineChunks}, the object is read once from its start (in blocks of {@code blockBytes}), counting quotes: a
 * range ends only at a line end outside quotes, and a record quoted across lines is never cut.
 */
public final class CsvChunks {
    /** The header travels in every chunk's message: bounded far below SQS's 256 KiB. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /** The header's bytes, and the ranges of records after it, in order (none when the object is only a header). */
    public record Plan(byte[] header, List<ByteRange> ranges) {
    }

    private final long chunkBytes;
    private final int blockBytes;

    public CsvChunks(long chunkBytes, int blockBytes) {
        if (chunkBytes < 1 || blockBytes < 1) {
            throw new IllegalArgumentException("chunkBytes and blockBytes must be positive");
        }
        this.chunkBytes = chunkBytes;
        this.blockBytes = blockBytes;
    }

    /** @throws IllegalArgumentException when the header is longer than {@link #MAX_HEADER_BYTES} */
    public Plan plan(long size, LineChunks.Bytes object) {
        List<ByteRange> ranges = new ArrayList<>();
        long headerEnd = -1;
        long from = 0;
        boolean quoted = false;
        for (long at = 0; at < size; ) {
            byte[] block = object.read(at, (int) Math.min(blockBytes, size - at));
            if (block.length == 0) {
                throw new IllegalStateException("the object ended at byte " + at + ", before its size of " + size);
            }
            for (int i = 0; i < block.length; i++) {
                if (block[i] == '"') {
                    quoted = !quoted;
                } else if (block[i] == '\n' && !quoted) {
                    long end = at + i + 1;
                    if (headerEnd < 0) {
                        headerEnd = end;
                        from = end;
                    } else if (end - from >= chunkBytes) {
                        ranges.add(new ByteRange(from, end));
                        from = end;
                    }
                }
            }
            at += block.length;
        }
        headerEnd = headerEnd < 0 ? size : headerEnd;
        if (headerEnd > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("the header line is longer than " + MAX_HEADER_BYTES + " bytes");
        }
        if (from > 0 && from < size) {
            ranges.add(new ByteRange(from, size));
        }
        return new Plan(headerEnd == 0 ? new byte[0] : object.read(0, (int) headerEnd), ranges);
    }
}
