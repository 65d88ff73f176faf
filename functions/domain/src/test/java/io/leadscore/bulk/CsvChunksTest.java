package io.leadscore.bulk;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvChunksTest {
    private static final String HEADER = "Id,Note,At\n";
    private static final String FIRST = "1,plain,t\n";
    /** A quoted cell over two lines: its line end at 31 is inside the quotes, so no cut falls there. */
    private static final String QUOTED = "2,\"line one\nline \"\"two\"\"\",t\n";
    private static final String LAST = "3,x,t\n";

    private static CsvChunks.Plan plan(String text, long chunkBytes, int blockBytes) {
        byte[] object = text.getBytes(StandardCharsets.UTF_8);
        return new CsvChunks(chunkBytes, blockBytes).plan(object.length,
                (from, length) -> Arrays.copyOfRange(object, (int) from, (int) Math.min(object.length, from + length)));
    }

    @Test
    void theHeaderIsApartAndARecordQuotedAcrossLinesIsNeverCut() {
        String csv = HEADER + FIRST + QUOTED + LAST;
        int quotedEnd = HEADER.length() + FIRST.length() + QUOTED.length();
        // 12 bytes after the header the line-aligned cut would fall after "line one": the record's end is taken.
        for (int blockBytes : List.of(3, 7, 4096)) {
            CsvChunks.Plan plan = plan(csv, 12, blockBytes);
            assertEquals(HEADER, new String(plan.header(), StandardCharsets.UTF_8));
            assertEquals(List.of(new ByteRange(HEADER.length(), quotedEnd), new ByteRange(quotedEnd, csv.length())),
                    plan.ranges(), "blocks of " + blockBytes);
        }
        assertEquals(List.of(new Row(HEADER.length(), FIRST.strip()),
                        new Row(HEADER.length() + FIRST.length(), QUOTED.strip())),
                Row.csvRecords(Arrays.copyOfRange(csv.getBytes(StandardCharsets.UTF_8), HEADER.length(), quotedEnd),
                        HEADER.length()), "the range's records, the quoted line end kept in its cell");
    }

    @Test
    void aHeaderAloneOrNothingHasNoRanges() {
        assertEquals(List.of(), plan(HEADER, 12, 5).ranges());
        assertEquals("Id,Note", new String(plan("Id,Note", 12, 5).header(), StandardCharsets.UTF_8));
        assertEquals(List.of(), plan("", 12, 5).ranges());
    }

    @Test
    void aHeaderLongerThanAMessageCarriesIsRefused() {
        String header = "a".repeat(CsvChunks.MAX_HEADER_BYTES) + "\n" + FIRST;
        assertEquals("the header line is longer than 16384 bytes",
                assertThrows(IllegalArgumentException.class, () -> plan(header, 12, 4096)).getMessage());
    }
}
