package io.leadscore.bulk;

/**
 * Bytes {@code [from, to)} of an object: one chunk of an import, read with one ranged GET.
 *
 * @param from the first byte
 * @param to   one past the last byte
 */
public record ByteRange(long from, long to) {

    public ByteRange {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a range needs 0 <= from < to, not [" + from + ", " + to + ")");
        }
    }

    public long length() {
        return to - from;
    }

    /** The HTTP {@code Range} header that reads exactly these bytes (its last byte is inclusive). */
    public String httpRange() {
        return "bytes=" + from + "-" + (to - 1);
    }
}
