package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.FieldError;
import io.leadscore.bulk.LeadMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ready-made mappings on exports with each tool's own column names (fixtures under imports/), read as the
 * command reads them: streamed record by record, quoted cells and line breaks in them included.
 */
class LeadMappingTest {
    @TempDir
    Path directory;

    @Test
    void hubspotContactsBecomeIdentifyEventsAtTheirLastModifiedDate() throws Exception {
        List<ImportRow> rows = rows("hubspot-contacts.csv", "hubspot");

        assertEquals(List.of(2L, 3L, 4L, 5L, 7L, 8L, 9L, 10L), rows.stream().map(ImportRow::line).toList(),
                "a record per contact, the fourth over two lines");
        assertEquals(Cli.json("{\"eventId\": \"" + LeadMapping.eventId("51234", Instant.parse("2026-11-20T16:40:00Z"))
                + "\", \"type\": \"identify\", \"leadId\": \"51234\", \"timestamp\": \"2026-11-20T16:40:00Z\","
                + " \"properties\": {\"email\": \"dana@acme-corp.example\", \"firstName\": \"Dana\", \"lastName\":"
                + " \"Reyes\", \"jobTitle\": \"VP Engineering\", \"company\": \"Acme Corp\","
                + " \"industry\": \"software\","
                + " \"companySize\": 100, \"country\": \"US\"}}"), rows.get(0).event());
        assertEquals(Cli.json("{\"email\": \"li.wei@gmail.com\", \"firstName\": \"Li\", \"lastName\": \"Wei\","
                + " \"jobTitle\": \"Student\"}"), rows.get(1).event().get("properties"), "empty cells are left out");
        JsonNode sam = rows.get(2).event().get("properties");
        assertEquals("O'Neil, Jr.", sam.get("lastName").asText());
        assertEquals("Director, Sales", sam.get("jobTitle").asText());
        assertEquals(1000, sam.get("companySize").asInt(), "1000+");
        assertEquals("Head of\nData", rows.get(3).event().get("properties").get("jobTitle").asText());
        assertEquals("2026-09-15T17:05:00Z", rows.get(3).event().get("timestamp").asText());

        assertEquals(List.of(new FieldError("Record ID", "is empty: every lead needs its id")), rows.get(4).errors());
        assertEquals(List.of(new FieldError("Number of Employees", "'about fifty' is not a number (companySize)")),
                rows.get(5).errors());
        assertEquals(List.of(new FieldError("Last Modified Date", "'yesterday' is not a time (expected like"
                + " 2026-11-23 14:05:09)")), rows.get(6).errors());
        assertNull(rows.get(6).event());
        assertEquals("not-an-email", rows.get(7).event().get("properties").get("email").asText(),
                "what the API checks is left to it");
    }

    @Test
    void mauticContactsByFieldAlias() throws Exception {
        List<ImportRow> rows = rows("mautic-contacts.csv", "mautic");

        assertEquals(Cli.json("{\"eventId\": \"" + LeadMapping.eventId("7", Instant.parse("2026-11-20T16:40:00Z"))
                + "\", \"type\": \"identify\", \"leadId\": \"7\", \"timestamp\": \"2026-11-20T16:40:00Z\","
                + " \"properties\": {\"email\": \"dana@acme-corp.example\", \"firstName\": \"Dana\", \"lastName\":"
                + " \"Reyes\", \"jobTitle\": \"VP Engineering\", \"company\": \"Acme Corp\", \"country\":"
                + " \"Germany\"}}"), rows.get(0).event());
        assertEquals(List.of(new FieldError("last_active", "is empty: the time the row describes is needed")),
                rows.get(1).errors());
    }

    @Test
    void marketoLeadsByRestFieldName() throws Exception {
        List<ImportRow> rows = rows("marketo-leads.csv", "marketo");

        assertEquals(Cli.json("{\"eventId\": \"" + LeadMapping.eventId("1001", Instant.parse("2026-11-20T16:40:00Z"))
                + "\", \"type\": \"identify\", \"leadId\": \"1001\", \"timestamp\": \"2026-11-20T16:40:00Z\","
                + " \"properties\": {\"email\": \"dana@acme-corp.example\", \"firstName\": \"Dana\", \"lastName\":"
                + " \"Reyes\", \"jobTitle\": \"VP Engineering\", \"company\": \"Acme Corp\","
                + " \"industry\": \"Software\","
                + " \"companySize\": 250, \"country\": \"United States\"}}"), rows.get(0).event());
        assertEquals("2026-10-01T08:00:00Z", rows.get(1).event().get("timestamp").asText());
    }

    @Test
    void theEventIdIsTheLeadAtATime() {
        Instant at = Instant.parse("2026-11-20T16:40:00Z");

        assertEquals(LeadMapping.eventId("51234", at), LeadMapping.eventId("51234", at));
        assertNotEquals(LeadMapping.eventId("51234", at), LeadMapping.eventId("51234", at.plusSeconds(60)));
        assertNotEquals(LeadMapping.eventId("51234", at), LeadMapping.eventId("51235", at));
    }

    @Test
    void aMappingFileOfYourOwnWithItsTimeZone() throws Exception {
        Path mapping = Files.writeString(directory.resolve("crm.yaml"), String.join("\n",
                "leadId: Contact",
                "timestamp: { column: Changed, format: \"dd.MM.yyyy HH:mm\", zone: Europe/Berlin }",
                "properties:",
                "  email: Mail",
                "  companySize: { column: Staff, type: number }"));
        Path csv = Files.writeString(directory.resolve("people.csv"),
                "Contact,Mail,Staff,Changed\nc-1,c1@acme.example,\"1,250\",20.11.2026 17:40\n");

        List<ImportRow> rows = read(csv, MappingOption.named(mapping.toString()));

        assertEquals("2026-11-20T16:40:00Z", rows.get(0).event().get("timestamp").asText());
        assertEquals(1250, rows.get(0).event().get("properties").get("companySize").asInt());
    }

    @Test
    void aMappingThatDoesNotFitTheFileOrIsMalformedIsAUsageErrorNamingWhat() throws Exception {
        Path csv = Files.writeString(directory.resolve("contacts.csv"), "Email,Name\na@b.example,A\n");

        Failure missing = assertThrows(Failure.class, () -> read(csv, MappingOption.named("hubspot")));
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertEquals("--mapping hubspot: contacts.csv has no column 'Record ID' (columns: Email, Name)",
                missing.getMessage());

        Failure unknownKey = assertThrows(Failure.class, () -> MappingOption.named(
                mappingFile("leadId: Id\ntimestamp: At\nproperties: {email: Email}\nlead: Id\n")));
        assertEquals("--mapping x.yaml: unknown key 'lead' (keys: leadId, timestamp, properties)",
                unknownKey.getMessage());
        Failure badType = assertThrows(Failure.class, () -> MappingOption.named(
                mappingFile("leadId: Id\ntimestamp: At\nproperties: {companySize: {column: Staff, type: integer}}\n")));
        assertEquals("--mapping x.yaml: properties.companySize: a column's name, or {column: NAME, type: number}",
                badType.getMessage());
    }

    private String mappingFile(String yaml) throws IOException {
        return Files.writeString(directory.resolve("x.yaml"), yaml).toString();
    }

    private List<ImportRow> rows(String fixture, String mapping) throws IOException {
        Path file = directory.resolve(fixture);
        try (InputStream in = LeadMappingTest.class.getResourceAsStream("/imports/" + fixture)) {
            Files.copy(in, file);
        }
        return read(file, MappingOption.named(mapping));
    }

    private static List<ImportRow> read(Path file, LeadMapping mapping) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        try (ImportRows reader = CsvLeadRows.open(file, mapping, 0, 0)) {
            for (ImportRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
