package io.leadscore.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportPeriodTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");
    private static final ReportPeriod LAST_30 = ReportPeriod.lastDays(TODAY, 30);

    @Test
    void defaultsToTheLast30DaysEndingToday() {
        assertEquals(new ReportPeriod(LocalDate.parse("2026-11-02"), TODAY), ReportPeriod.parse(null, null, LAST_30));
        assertEquals(new ReportPeriod(LocalDate.parse("2026-10-02"), LocalDate.parse("2026-10-31")),
                ReportPeriod.parse(null, "2026-10-31", LAST_30));
        assertEquals(new ReportPeriod(LocalDate.parse("2026-06-01"), TODAY),
                ReportPeriod.parse("2026-06-01", null, LAST_30));
        assertEquals(new ReportPeriod(LocalDate.parse("2025-12-01"), TODAY), ReportPeriod.lastMonths(TODAY, 13));
    }

    @Test
    void refusalsNameTheParameter() {
        assertEquals("from", refused("2026-13-01", "2026-12-01").field());
        assertEquals("to", refused("2026-11-01", "yesterday").field());
        assertEquals("to", refused("2026-11-02", "2026-11-01").field());
        assertEquals("is before from (2026-11-02)", refused("2026-11-02", "2026-11-01").problem());
        assertEquals("from", refused("2026-12-02", null).field());
        // 366 days from 2025-12-01 is 2026-12-01; one more is refused
        assertEquals(366, ReportPeriod.parse("2025-12-01", "2026-12-01", LAST_30).days());
        assertEquals("to", refused("2025-12-01", "2026-12-02").field());
        assertEquals("from", refused("2025-11-30", null).field());
    }

    private static io.leadscore.activity.FieldError refused(String from, String to) {
        return assertThrows(ReportPeriod.Invalid.class, () -> ReportPeriod.parse(from, to, LAST_30)).error();
    }
}
