package io.leadscore.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A CRM's CSV export as feedback items: each row a verdict, its fields taken from the columns the mapping names (a
 * field not mapped is read from the column of its own name), and the CRM's words for outcomes ({@code Closed Lost})
 * turned into feedback types. What the API checks (a type it does not know, a missing field) is left to it, so that
 * the tool and the API never disagree; a mapping that names no column of the file is refused before anything is sent.
 */
final class CrmExport {
    static final List<String> FIELDS = List.of("leadId", "type", "reason", "rep", "at", "feedbackId");

    /** A verdict and the row of the file it came from, counted from 1 after the header. */
    record Row(int row, ObjectNode item) {
    }

    private CrmExport() {
    }

    static List<Row> read(Path file, Map<String, String> mapping, Map<String, String> typeValues) {
        Set<String> unknown = new TreeSet<>(mapping.keySet());
        FIELDS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new Failure(ExitCode.USAGE, "--map names no feedback field " + unknown + " (fields: "
                    + String.join(", ", FIELDS) + ")");
        }
        CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
            CsvSchema header = (CsvSchema) rows.getParserSchema();
            Map<String, String> columns = columns(header, mapping, file);
            Map<String, String> types = new LinkedHashMap<>();
            typeValues.forEach((crm, type) -> types.put(crm.toLowerCase(Locale.ROOT), type));
            List<Row> read = new ArrayList<>();
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                ObjectNode item = JsonNodeFactory.instance.objectNode();
                columns.forEach((field, column) -> {
                    String value = row.get(column);
                    if (value != null && !value.isEmpty()) {
                        item.put(field, field.equals("type")
                                ? types.getOrDefault(value.toLowerCase(Locale.ROOT), value) : value);
                    }
                });
                read.add(new Row(read.size() + 1, item));
            }
            return read;
        } catch (IOException | RuntimeException e) {
            if (e instanceof Failure failure) {
                throw failure;
            }
            throw new Failure(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The column of each field: mapped, or of the field's own name when the file has one. */
    private static Map<String, String> columns(CsvSchema header, Map<String, String> mapping, Path file) {
        List<String> names = new ArrayList<>();
        header.forEach(column -> names.add(column.getName()));
        CsvHeader columns = new CsvHeader(file, names);
        Map<String, String> read = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String column = mapping.getOrDefault(field, field);
            if (columns.has(column)) {
                read.put(field, column);
            } else if (mapping.containsKey(field)) {
                columns.require("--map " + field + "=" + column, column);
            }
        }
        return read;
    }
}
