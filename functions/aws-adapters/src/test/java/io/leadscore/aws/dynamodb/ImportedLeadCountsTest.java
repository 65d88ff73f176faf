package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.report.CounterItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Leads imported as they are (a migration, a benchmark's data set) count in the reports like scored ones. */
class ImportedLeadCountsTest {
    private static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private LeadStore leads;
    private CountStore counts;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        counts = new CountStore(dynamoDb.client(), table);
    }

    /**
     * 30 leads, each an MQL rejected and recycled on November 1-5 (five episodes, five audit days and five reasons, a
     * month of conversions): 26 items of a batch of 25 leads and more than one transaction of 100 items.
     */
    @Test
    void importedLeadsAreCountedEvenBeyondOneTransaction() {
        List<Lead> imported = new ArrayList<>();
        for (int l = 0; l < 30; l++) {
            Lead lead = Lead.newLead("lead-" + l).toBuilder().firstSeenAt(Instant.parse("2026-10-01T00:00:00Z"))
                    .build();
            for (int day = 1; day <= 5; day++) {
                Instant at = Instant.parse("2026-11-0" + day + "T00:00:00Z");
                lead = lead.movedTo(new StageChange(lead.stage(), Stage.MQL, at, StageChange.SCORING, "reached", null))
                        .movedTo(new StageChange(Stage.MQL, Stage.REJECTED, at.plusSeconds(60), "sam",
                                "reason " + l, "f-" + l + "-" + day))
                        .movedTo(new StageChange(Stage.REJECTED, Stage.RECYCLED, at.plusSeconds(120), "sam", null,
                                "r-" + l + "-" + day));
            }
            imported.add(lead);
        }

        leads.importLeads(imported);

        assertEquals(Map.of(CounterItem.of("stages"), Map.of("recycled", 30L)), counts.totals("stages"));
        Map<CounterItem, Map<String, Long>> audit = counts.days("audit", NOV_1, NOV_1.plusDays(4));
        assertEquals(5, audit.size());
        audit.values().forEach(fields -> assertEquals(Map.of("mqls", 30L, "rejected", 30L), fields));
        assertEquals(150, counts.days("audit-reasons", NOV_1, NOV_1.plusDays(4)).size(), "30 reasons a day");
    }
}
