package io.leadscore.cli;

import io.leadscore.activity.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** JSON Lines read as rows: a line that is not an event is a rejected row with its number, and offsets resume. */
class ImportRowsTest {
    @TempDir
    Path directory;

    @Test
    void aLineThatIsNotJsonOrNotAnObjectIsARejectedRowWithItsLineNumber() throws Exception {
        Path file = Files.writeString(directory.resolve("events.jsonl"), String.join("\n",
                "{\"eventId\": \"e-1\", \"type\": \"page_view\"}",
                "{\"eventId\": \"e-2\", \"type\": ",
                "",
                "[1, 2]",
                "{\"eventId\": \"e-3\"} {\"eventId\": \"e-4\"}",
                "{\"eventId\": \"é-5\"}\r"));

        List<ImportRow> rows = read(file, 0, 0);

        assertEquals(List.of(1L, 2L, 4L, 5L, 6L), rows.stream().map(ImportRow::line).toList(),
                "the blank line skipped");
        assertEquals("e-1", rows.get(0).event().get("eventId").asText());
        assertEquals("(line)", rows.get(1).errors().get(0).field());
        assertEquals("{\"eventId\": \"e-2\", \"type\": ", rows.get(1).text());
        assertEquals(List.of(new FieldError("(line)", "is JSON but not an object (an event is {\"type\": ..., ...})")),
                rows.get(2).errors());
        assertEquals("(line)", rows.get(3).errors().get(0).field(), "two objects on a line are not one event");
        assertEquals("é-5", rows.get(4).event().get("eventId").asText(), "UTF-8, a CR before the LF dropped");
    }

    @Test
    void readingFromARowsEndOffsetContinuesWithTheNextRow() throws Exception {
        Path file = Files.writeString(directory.resolve("events.jsonl"),
                "{\"eventId\": \"ä-1\"}\n{\"eventId\": \"e-2\"}\n{\"eventId\": \"e-3\"}\n");
        ImportRow first = read(file, 0, 0).get(0);

        List<ImportRow> rest = read(file, first.end(), first.line());

        assertEquals(("{\"eventId\": \"ä-1\"}\n").getBytes(StandardCharsets.UTF_8).length, first.end());
        assertEquals(List.of(2L, 3L), rest.stream().map(ImportRow::line).toList());
        assertEquals("e-2", rest.get(0).event().get("eventId").asText());
        assertEquals(Files.size(file), rest.get(1).end());
    }

    private static List<ImportRow> read(Path file, long offset, long line) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        try (ImportRows reader = new JsonLinesRows(FileLines.from(file, offset, line))) {
            for (ImportRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
