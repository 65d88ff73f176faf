package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.report.Funnel.lead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageReportTest {
    private static final ReportPeriod OCTOBER_AND_NOVEMBER = new ReportPeriod(LocalDate.parse("2026-10-01"),
            LocalDate.parse("2026-11-30"));

    /** By hand: October has two leads entering, one of them MQL then SQL; November one lead, MQL then rejected. */
    private static List<Lead> leads() {
        return List.of(
                lead("l1", "2026-10-15T00:00:00Z").to(Stage.MQL, "2026-10-20T00:00:00Z")
                        .to(Stage.SQL, "2026-11-02T00:00:00Z").to(Stage.OPPORTUNITY, "2026-11-10T00:00:00Z").build(),
                lead("l2", "2026-10-01T00:00:00Z").build(),
                lead("l3", "2026-11-01T00:00:00Z").to(Stage.MQL, "2026-11-05T00:00:00Z")
                        .to(Stage.REJECTED, "2026-11-06T00:00:00Z", "no budget").build(),
                lead("before", "2026-08-01T00:00:00Z").to(Stage.MQL, "2026-09-20T00:00:00Z").build());
    }

    @Test
    void stagesNowAndConversionsPerMonthComputedByHand() {
        Counts accounts = Counts.builder().add(CounterItem.of(StageReport.ACCOUNT_STAGES), "won", 1)
                .add(CounterItem.of(StageReport.ACCOUNT_STAGES), "mqa", 12)
                .add(CounterItem.of(StageReport.ACCOUNT_STAGES), "account", 300).build();

        StageReport report = StageReport.of(Funnel.counters(leads(), accounts), OCTOBER_AND_NOVEMBER);

        Map<String, Long> leads = new LinkedHashMap<>();
        List.of("lead", "mql", "sql", "rejected", "opportunity", "won", "lost", "recycled")
                .forEach(stage -> leads.put(stage, 0L));
        leads.putAll(Map.of("lead", 1L, "mql", 1L, "rejected", 1L, "opportunity", 1L));
        assertEquals(leads, report.leads());
        assertEquals(List.copyOf(leads.keySet()), List.copyOf(report.leads().keySet()));
        assertEquals(List.of("account", "mqa", "won"), List.copyOf(report.accounts().keySet()));
        assertEquals(List.of(300L, 12L, 1L), List.copyOf(report.accounts().values()));
        assertEquals(List.of(
                new StageReport.Conversion("2026-10", "lead", "mql", 2, 1, 0.5),
                new StageReport.Conversion("2026-10", "mql", "sql", 1, 1, 1.0),
                new StageReport.Conversion("2026-11", "lead", "mql", 1, 1, 1.0),
                new StageReport.Conversion("2026-11", "mql", "rejected", 1, 1, 1.0),
                new StageReport.Conversion("2026-11", "sql", "opportunity", 1, 1, 1.0)), report.conversions());
    }

    @Test
    void accountsAreEmptyWhileNotCounted() {
        StageReport report = StageReport.of(Funnel.counters(List.of()), OCTOBER_AND_NOVEMBER);

        assertEquals(Map.of(), report.accounts());
        assertEquals(List.of(), report.conversions());
        assertTrue(report.leads().values().stream().allMatch(n -> n == 0));
    }

    @Test
    void csvListsStagesThenConversions() {
        String csv = StageReport.of(Funnel.counters(leads()), OCTOBER_AND_NOVEMBER).toCsv();

        assertTrue(csv.startsWith("\uFEFFof,stage,count\r\nleads,lead,1\r\nleads,mql,1\r\nleads,sql,0\r\n"), csv);
        assertTrue(csv.endsWith("\r\n\r\nmonth,from,to,entered,converted,rate\r\n2026-10,lead,mql,2,1,0.5\r\n"
                + "2026-10,mql,sql,1,1,1.0\r\n2026-11,lead,mql,1,1,1.0\r\n2026-11,mql,rejected,1,1,1.0\r\n"
                + "2026-11,sql,opportunity,1,1,1.0\r\n"), csv);
    }
}
