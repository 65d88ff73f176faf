package io.leadscore.bulk;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineChunksTest {

    private static LineChunks.Bytes of(byte[] object) {
        return (from, length) -> Arrays.copyOfRange(object, (int) from, (int) Math.min(object.length, from + length));
    }

    private static List<ByteRange> plan(String text, long chunkBytes, int probeBytes) {
        byte[] object = text.getBytes(StandardCharsets.UTF_8);
        return new LineChunks(chunkBytes, probeBytes).plan(object.length, of(object));
    }

    @Test
    void aLineThatStraddlesACutGoesWholeToTheRangeItStartsIn() {
        // Cut at 8: "bbbbbbb" runs from 4 to 11, so the first range takes it and ends after its newline.
        assertEquals(List.of(new ByteRange(0, 12), new ByteRange(12, 20)), plan("aaa\nbbbbbbb\ncccc\ndd\n", 8, 2));
    }

    @Test
    void aCutRightAfterANewlineKeepsItsPlace() {
        assertEquals(List.of(new ByteRange(0, 4), new ByteRange(4, 8)), plan("aaa\nbbb\n", 4, 16));
    }

    @Test
    void aLineLongerThanSeveralProbesIsFollowedToItsEnd() {
        assertEquals(List.of(new ByteRange(0, 22), new ByteRange(22, 25)), plan("a\n" + "x".repeat(19) + "\nyy\n", 3, 2));
    }

    @Test
    void theLastLineWithoutANewlineEndsTheLastRange() {
        assertEquals(List.of(new ByteRange(0, 4), new ByteRange(4, 7)), plan("aaa\nbbb", 2, 4));
        assertEquals(List.of(new ByteRange(0, 7)), plan("aaa bbb", 2, 4));
    }

    @Test
    void anEmptyObjectHasNoRange() {
        assertEquals(List.of(), plan("", 5, 5));
    }

    @Test
    void onlyTheBytesAroundEachCutAreRead() {
        byte[] object = "0123456789\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        long[] read = {0};
        List<ByteRange> ranges = new LineChunks(1100, 64).plan(object.length, (from, length) -> {
            read[0] += length;
            return of(object).read(from, length);
        });
        assertEquals(10, ranges.size());
        assertEquals(9 * 64, read[0]);
    }

    /** Every byte in exactly one range, in order; each range but the last ends with a newline, so holds whole lines. */
    @Property
    void rangesCoverTheObjectOnceAndEndAtLineEnds(@ForAll List<@StringLength(max = 40) String> lines,
                                                  @ForAll boolean finalNewline,
                                                  @ForAll @IntRange(min = 1, max = 100) int chunkBytes,
                                                  @ForAll @IntRange(min = 1, max = 16) int probeBytes) {
        String text = String.join("\n", lines.stream().map(line -> line.replace('\n', ' ')).toList())
                + (finalNewline && !lines.isEmpty() ? "\n" : "");
        byte[] object = text.getBytes(StandardCharsets.UTF_8);
        List<ByteRange> ranges = new LineChunks(chunkBytes, probeBytes).plan(object.length, of(object));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long expectedFrom = 0;
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange range = ranges.get(i);
            assertEquals(expectedFrom, range.from());
            joined.writeBytes(Arrays.copyOfRange(object, (int) range.from(), (int) range.to()));
            if (i < ranges.size() - 1) {
                assertEquals('\n', object[(int) range.to() - 1]);
                assertTrue(range.length() >= chunkBytes);
            }
            expectedFrom = range.to();
        }
        assertArrayEquals(object, joined.toByteArray());
    }

    @Test
    void theRangeHeaderNamesTheLastByteInclusively() {
        assertEquals("bytes=12-19", new ByteRange(12, 20).httpRange());
    }
}
