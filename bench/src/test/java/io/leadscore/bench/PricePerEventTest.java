package io.leadscore.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The price table compares account sizes only when their measured batches announced the same. */
class PricePerEventTest {
    private static PricePerEvent.Run run(int members, Map<String, Long> announced) {
        return new PricePerEvent.Run(members, 16, null, 1600, new TreeMap<>(announced));
    }

    @Test
    void sizesThatEachQualifiedEveryAccountOnceAreCompared() {
        Map<String, Long> announced = Map.of("AccountQualified", 16L, "LeadScoreChanged", 3L);
        assertDoesNotThrow(() -> PricePerEvent.requireLikeForLike(List.of(run(5, announced), run(1000, announced))));
    }

    @Test
    void aSizeWhoseAccountsQualifiedWhileLoadedIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> PricePerEvent.requireLikeForLike(
                List.of(run(5, Map.of("AccountQualified", 16L)), run(1000, Map.of()))));
        assertEquals("accounts of 1000: 0 AccountQualified for 16 accounts touched; each must cross once",
                refused.getMessage());
    }

    @Test
    void sizesThatAnnouncedOtherEventsAreRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> PricePerEvent.requireLikeForLike(
                List.of(run(5, Map.of("AccountQualified", 16L, "LeadQualified", 4L)),
                        run(1000, Map.of("AccountQualified", 16L)))));
        assertEquals("accounts of 1000 announced {AccountQualified=16}, accounts of 5 {AccountQualified=16, "
                + "LeadQualified=4}", refused.getMessage());
    }
}
