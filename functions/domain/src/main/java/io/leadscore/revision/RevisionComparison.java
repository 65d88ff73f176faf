package io.leadscore.revision;

import io.leadscore.revision.ModelSettings.Setting;
import io.leadscore.support.CsvTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The marketers' spreadsheet: one row per setting, one column per revision. Rows keep the order in which the
 * revisions declare them; a setting added later is placed after the row it follows in its own revision, so a new
 * rule appears beside its neighbours, not at the bottom.
 */
public record RevisionComparison(String modelId, List<Integer> revisions, List<Row> rows) {

    public RevisionComparison {
        revisions = List.copyOf(revisions);
        rows = List.copyOf(rows);
    }

    /** One setting across the revisions; its label is the newest revision's that has it. */
    public record Row(String key, String section, String label, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** value null: absent in that revision (rule removed or not yet added). changed: differs from the previous column. */
    public record Cell(int revision, String value, boolean changed, String note) {
    }

    /** The revisions side by side, in the order given (1 or more, all of one model). */
    public static RevisionComparison of(List<ModelRevision> revisions) {
        if (revisions.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one revision");
        }
        String modelId = revisions.get(0).modelId();
        revisions.stream().filter(r -> !r.modelId().equals(modelId)).findFirst().ifPresent(r -> {
            throw new IllegalArgumentException("revision " + r.tag() + " is not of model " + modelId);
        });
        List<Map<String, Setting>> columns = revisions.stream().map(r -> {
            Map<String, Setting> byKey = new LinkedHashMap<>();
            ModelSettings.of(r.model()).forEach(s -> byKey.put(s.key(), s));
            return byKey;
        }).toList();
        List<Row> rows = new ArrayList<>();
        for (String section : ModelSettings.SECTIONS) {
            for (String key : order(columns, section)) {
                rows.add(row(key, section, revisions, columns));
            }
        }
        return new RevisionComparison(modelId, revisions.stream().map(ModelRevision::number).toList(), rows);
    }

    /** RFC 4180 CSV that opens cleanly in a spreadsheet: header "section,key,label,r1,r2,...,notes r1,...";
     *  a changed cell is marked with a trailing " *"; UTF-8, CRLF line ends, every field quoted when needed. */
    public String toCsv() {
        CsvTable csv = new CsvTable();
        List<String> header = new ArrayList<>(List.of("section", "key", "label"));
        revisions.forEach(n -> header.add("r" + n));
        revisions.forEach(n -> header.add("notes r" + n));
        csv.row(header);
        for (Row row : rows) {
            List<String> fields = new ArrayList<>(List.of(row.section(), row.key(), row.label()));
            for (Cell cell : row.cells()) {
                String value = cell.value() == null && cell.changed() ? "(removed)" : cell.value();
                fields.add(cell.changed() ? value + " *" : value);
            }
            row.cells().forEach(cell -> fields.add(cell.note()));
            csv.row(fields);
        }
        return csv.toString();
    }

    private static Row row(String key, String section, List<ModelRevision> revisions,
                           List<Map<String, Setting>> columns) {
        List<Cell> cells = new ArrayList<>();
        String label = null;
        String previous = null;
        for (int i = 0; i < columns.size(); i++) {
            Setting setting = columns.get(i).get(key);
            String value = setting == null ? null : setting.value();
            if (setting != null) {
                label = setting.label();
            }
            boolean changed = i > 0 && !Objects.equals(previous, value);
            cells.add(new Cell(revisions.get(i).number(), value, changed, revisions.get(i).ruleNotes().get(key)));
            previous = value;
        }
        return new Row(key, section, label, cells);
    }

    /** The section's keys across the revisions: each revision's order kept, a newcomer after its predecessor. */
    private static List<String> order(List<Map<String, Setting>> columns, String section) {
        List<String> order = new ArrayList<>();
        for (Map<String, Setting> column : columns) {
            String before = null;
            for (Setting setting : column.values()) {
                if (!setting.section().equals(section)) {
                    continue;
                }
                if (!order.contains(setting.key())) {
                    order.add(before == null ? 0 : order.indexOf(before) + 1, setting.key());
                }
                before = setting.key();
            }
        }
        return order;
    }
}
