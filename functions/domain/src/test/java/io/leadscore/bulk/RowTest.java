package io.leadscore.bulk;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RowTest {

    @Test
    void eachLineKeepsTheByteItStartsAtWithoutItsLineEnd() {
        byte[] chunk = "{\"a\":1}\r\n\n  \n{\"é\":2}\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new Row(100, "{\"a\":1}"), new Row(113, "{\"é\":2}"), new Row(122, "{\"c\":3}")),
                Row.of(chunk, 100));
    }

    @Test
    void aCsvRecordRunsOnPastALineEndInsideQuotes() {
        byte[] chunk = "1,\"a\r\nb\",x\r\n\n2,\"\"\"q\"\"\",y".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(new Row(10, "1,\"a\nb\",x"), new Row(23, "2,\"\"\"q\"\"\",y")), Row.csvRecords(chunk, 10));
    }

    @Test
    void anEmptyChunkHasNoRows() {
        assertEquals(List.of(), Row.of(new byte[0], 0));
    }
}
