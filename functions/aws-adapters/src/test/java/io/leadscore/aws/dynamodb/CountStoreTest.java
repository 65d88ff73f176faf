package io.leadscore.aws.dynamodb;

import io.leadscore.local.LocalDynamoDb;
import io.leadscore.report.CounterItem;
import io.leadscore.report.Counts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Report counters on DynamoDB Local: added by transactions on random shards, read back summed. */
class CountStoreTest {
    private static final LocalDate NOV_30 = LocalDate.parse("2026-11-30");
    private static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");
    private static final LocalDate DEC_2 = LocalDate.parse("2026-12-02");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private CountStore counts;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        counts = new CountStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
    }

    private void write(Counts change) {
        dynamoDb.client().transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(counts.updates(change)).build());
    }

    @Test
    void manyTransactionsOnRandomShardsAddUpWhenRead() {
        CounterItem stages = CounterItem.of("stages");
        for (int i = 0; i < 40; i++) { // 40 writes over 8 shards: several shards hold a part
            write(Counts.builder().add(stages, "lead", 1).add(stages, i % 4 == 0 ? "mql" : "lead", 1).build());
        }
        write(Counts.builder().add(stages, "lead", -5).build());

        assertEquals(Map.of(stages, Map.of("lead", 65L, "mql", 10L)), counts.totals("stages"));
    }

    @Test
    void aFieldBackToZeroAndAnItemWithNothingLeftAreNotRead() {
        CounterItem nps = new CounterItem("nps-accounts", null, "acme.com");
        CounterItem other = new CounterItem("nps-accounts", null, "globex.com");
        write(Counts.builder().add(nps, "promoters", 1).add(nps, "detractors", 1).add(other, "passives", 1).build());
        write(Counts.builder().add(nps, "detractors", -1).add(other, "passives", -1).build());

        assertEquals(Map.of(nps, Map.of("promoters", 1L)), counts.totals("nps-accounts"));
    }

    @Test
    void aPeriodOfDaysReadsEachDayOfItAcrossMonthsAndNothingBesides() {
        CounterItem nov30 = CounterItem.of("audit", NOV_30);
        CounterItem dec1 = CounterItem.of("audit", DEC_1);
        CounterItem dec1Reason = new CounterItem("audit-reasons", DEC_1, "no budget");
        write(Counts.builder().add(nov30, "mqls", 2).add(dec1, "mqls", 3).add(dec1, "rule:pricing #1:rejected", 1)
                .add(CounterItem.of("audit", DEC_2), "mqls", 7).add(CounterItem.of("audit", NOV_30.minusDays(1)), "mqls", 9)
                .add(dec1Reason, "rejected", 1).build());

        assertEquals(Map.of(nov30, Map.of("mqls", 2L), dec1, Map.of("mqls", 3L, "rule:pricing #1:rejected", 1L)),
                counts.days("audit", NOV_30, DEC_1));
        assertEquals(Map.of(dec1, Map.of("mqls", 3L, "rule:pricing #1:rejected", 1L)),
                counts.days("audit", DEC_1, DEC_1));
        assertEquals(Map.of(dec1Reason, Map.of("rejected", 1L)), counts.days("audit-reasons", NOV_30, DEC_2),
                "another family's items are apart");
    }
}
