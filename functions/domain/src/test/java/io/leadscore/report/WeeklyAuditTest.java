package io.leadscore.report;

import io.leadscore.announcement.ModelNeedsReview;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.leadscore.report.Funnel.lead;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WeeklyAuditTest {
    private static Lead decided(String id, String mqlDay, Stage verdict) {
        return lead(id, "2026-11-01T00:00:00Z").to(Stage.MQL, mqlDay + "T12:00:00Z")
                .to(verdict, mqlDay + "T13:00:00Z", "why").build();
    }

    /** W48 is Monday November 23 to Sunday November 29: two of its three decided MQLs rejected; its edges apart. */
    private static List<Lead> leads() {
        return new ArrayList<>(List.of(decided("sun-before", "2026-11-22", Stage.REJECTED),
                decided("mon", "2026-11-23", Stage.REJECTED), decided("tue", "2026-11-24", Stage.SQL),
                decided("sun", "2026-11-29", Stage.REJECTED), decided("mon-after", "2026-11-30", Stage.REJECTED),
                lead("pending", "2026-11-01T00:00:00Z").to(Stage.MQL, "2026-11-25T00:00:00Z").build()));
    }

    @Test
    void auditsTheLastCompleteIsoWeekAndAnnouncesWhenMoreThanHalfWereRejected() {
        CountReader counters = Funnel.counters(leads());

        for (String today : List.of("2026-11-30", "2026-12-01", "2026-12-06")) {
            WeeklyAudit audit = WeeklyAudit.of(counters, "default", LocalDate.parse(today));
            assertEquals("2026-W48", audit.week(), today);
            assertEquals(Optional.of(new ModelNeedsReview("default", "2026-W48", LocalDate.parse("2026-11-23"),
                    LocalDate.parse("2026-11-29"), 4, 3, 2)), audit.announcement(), today);
        }
        assertEquals("model:default/audit/2026-W48", WeeklyAudit.of(counters, "default", LocalDate.parse("2026-12-01"))
                .announcement().orElseThrow().key());
    }

    @Test
    void halfRejectedAnnouncesNothing() {
        List<Lead> leads = leads();
        leads.add(decided("wed", "2026-11-25", Stage.SQL));

        WeeklyAudit audit = WeeklyAudit.of(Funnel.counters(leads), "default", LocalDate.parse("2026-12-01"));

        assertEquals(4, audit.report().decided());
        assertEquals(Optional.empty(), audit.announcement());
    }
}
