package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadscore.report.Funnel.lead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditReportTest {
    private static final ReportPeriod NOVEMBER_1_TO_15 = new ReportPeriod(LocalDate.parse("2026-11-01"),
            LocalDate.parse("2026-11-15"));

    /**
     * Seven MQL episodes in the period (A, B, C, D, E and G twice), one before it (F); by hand: accepted A (26 h),
     * D (5 h), G's second (10 h); rejected B and C (no budget) and G's first (wrong person); E pending.
     */
    private static List<Lead> november() {
        return List.of(
                lead("a", "2026-10-01T00:00:00Z").rules("pricing-page", 2, "webinar", 1)
                        .to(Stage.MQL, "2026-11-02T10:00:00Z").to(Stage.SQL, "2026-11-03T12:00:00Z")
                        .to(Stage.OPPORTUNITY, "2026-11-10T00:00:00Z").to(Stage.WON, "2026-11-20T00:00:00Z").build(),
                lead("b", "2026-10-01T00:00:00Z").rules("pricing-page", 1)
                        .to(Stage.MQL, "2026-11-03T09:00:00Z")
                        .to(Stage.REJECTED, "2026-11-04T09:00:00Z", "  No \t Budget ").build(),
                lead("c", "2026-10-01T00:00:00Z").rules("pricing-page", 1, "blog-view", 0)
                        .to(Stage.MQL, "2026-11-09T08:00:00Z")
                        .to(Stage.REJECTED, "2026-11-09T10:00:00Z", "No budget").build(),
                lead("d", "2026-10-01T00:00:00Z").rules("webinar", 4, "feedback:lost", 1)
                        .to(Stage.MQL, "2026-11-10T00:00:00Z").to(Stage.SQL, "2026-11-10T05:59:00Z")
                        .to(Stage.OPPORTUNITY, "2026-11-12T00:00:00Z").to(Stage.LOST, "2026-11-30T00:00:00Z").build(),
                lead("e", "2026-10-01T00:00:00Z").rules("webinar", 1).to(Stage.MQL, "2026-11-12T00:00:00Z").build(),
                lead("f", "2026-10-01T00:00:00Z").rules("webinar", 1)
                        .to(Stage.MQL, "2026-10-31T23:59:00Z").to(Stage.SQL, "2026-11-02T00:00:00Z").build(),
                lead("g", "2026-10-01T00:00:00Z").rules("blog-view", 3)
                        .to(Stage.MQL, "2026-11-05T00:00:00Z")
                        .to(Stage.REJECTED, "2026-11-05T01:00:00Z", "Wrong person")
                        .to(Stage.RECYCLED, "2026-11-06T00:00:00Z")
                        .to(Stage.MQL, "2026-11-11T00:00:00Z").to(Stage.SQL, "2026-11-11T10:00:00Z").build());
    }

    @Test
    void figuresOfAPeriodComputedByHand() {
        AuditReport report = AuditReport.of(Funnel.counters(november()), "default", NOVEMBER_1_TO_15);

        assertEquals(List.of(7L, 3L, 3L, 1L, 6L), List.of(report.mqls(), report.accepted(), report.rejected(),
                report.pending(), report.decided()));
        assertEquals(0.5, report.acceptanceRate());
        assertEquals(0.5, report.rejectionRate());
        assertEquals(List.of(2L, 1L, 1L), List.of(report.opportunities(), report.won(), report.lost()));
        assertEquals(0.2857, report.leadToOpportunityRate()); // 2 / 7
        assertEquals(0.5, report.opportunityToWonRate());
        assertEquals(10L, report.medianHoursToAcceptance()); // 5, 10, 26
        assertFalse(report.needsReview()); // 3 of 6: half is not more than half
        assertNull(report.warning());
        assertEquals(List.of(new AuditReport.Reason("no budget", 2), new AuditReport.Reason("wrong person", 1)),
                report.topRejectionReasons());
        // pricing-page 1 of 3 accepted, 2 of 3 rejected; blog-view 1 and 1; webinar 2 and 0; feedback:lost is a verdict
        assertEquals(List.of(new AuditReport.RuleRow("pricing-page", 1, 2, 0.3333, 0.6667),
                new AuditReport.RuleRow("blog-view", 1, 1, 0.3333, 0.3333),
                new AuditReport.RuleRow("webinar", 2, 0, 0.6667, 0.0)), report.rules());
        // 2026-11-01 is the Sunday of W44 (F's MQL on the Saturday is before the period), W45 from Monday the 2nd
        assertEquals(List.of(new AuditReport.Week("2026-W44", 0, 0, 0, null),
                new AuditReport.Week("2026-W45", 3, 1, 2, 0.3333),
                new AuditReport.Week("2026-W46", 4, 2, 1, 0.6667)), report.weeks());
    }

    @Test
    void theJsonIsTheContracts() {
        AuditReport report = AuditReport.of(Funnel.counters(november()), "default", NOVEMBER_1_TO_15);

        Map<?, ?> json = Json.mapper().convertValue(report, Map.class);
        assertEquals(List.of("from", "to", "model", "mqls", "accepted", "rejected", "pending", "decided",
                "acceptanceRate", "rejectionRate", "opportunities", "won", "lost", "leadToOpportunityRate",
                "opportunityToWonRate", "medianHoursToAcceptance", "needsReview", "warning", "topRejectionReasons",
                "rules", "weeks"), List.copyOf(json.keySet()));
        assertEquals("2026-11-01", json.get("from"));
        assertTrue(json.containsKey("warning"));
        assertEquals("{\"rule\":\"webinar\",\"accepted\":2,\"rejected\":0,\"acceptedShare\":0.6667,"
                + "\"rejectedShare\":0.0}", Json.write(report.rules().get(2)));
    }

    @Test
    void ratesAreNullWithoutDenominatorAndNoMedianWithoutAcceptance() {
        AuditReport report = AuditReport.of(Funnel.counters(List.of(
                lead("e", "2026-10-01T00:00:00Z").to(Stage.MQL, "2026-11-12T00:00:00Z").build())), "default",
                NOVEMBER_1_TO_15);

        assertEquals(1, report.mqls());
        assertEquals(1, report.pending());
        assertNull(report.acceptanceRate());
        assertNull(report.rejectionRate());
        assertEquals(0.0, report.leadToOpportunityRate());
        assertNull(report.opportunityToWonRate());
        assertNull(report.medianHoursToAcceptance());
        assertFalse(report.needsReview());
    }

    @Test
    void warnsAt51PercentRejectedNotAt50() {
        assertFalse(decided(50, 50).needsReview());
        assertNull(decided(50, 50).warning());

        AuditReport warned = decided(49, 51);
        assertTrue(warned.needsReview());
        assertEquals(0.51, warned.rejectionRate());
        assertEquals("More than half of the decided MQLs were rejected (51 of 100): the model needs re-evaluation"
                + " now.", warned.warning());
    }

    @Test
    void theMedianIsTheHourByWhichHalfWereAccepted() {
        List<Lead> leads = new ArrayList<>();
        int[] hours = {1, 2, 3, 40};
        for (int i = 0; i < hours.length; i++) {
            leads.add(lead("l" + i, "2026-10-01T00:00:00Z").to(Stage.MQL, "2026-11-02T00:00:00Z")
                    .to(Stage.SQL, String.format("2026-11-%02dT%02d:00:00Z", 2 + hours[i] / 24, hours[i] % 24))
                    .build());
        }
        assertEquals(2L, AuditReport.of(Funnel.counters(leads), "default", NOVEMBER_1_TO_15)
                .medianHoursToAcceptance());
    }

    @Test
    void csvHasASectionPerTable() {
        String csv = AuditReport.of(Funnel.counters(november()), "default", NOVEMBER_1_TO_15).toCsv();

        assertTrue(csv.startsWith("\uFEFFfigure,value\r\nfrom,2026-11-01\r\nto,2026-11-15\r\nmodel,default\r\n"
                + "mqls,7\r\n"), csv);
        assertTrue(csv.contains("\r\nwarning,\r\n\r\nrejection reason,count\r\nno budget,2\r\nwrong person,1\r\n\r\n"
                + "rule,accepted,rejected,acceptedShare,rejectedShare\r\npricing-page,1,2,0.3333,0.6667\r\n"), csv);
        assertTrue(csv.endsWith("week,mqls,accepted,rejected,acceptanceRate\r\n2026-W44,0,0,0,\r\n"
                + "2026-W45,3,1,2,0.3333\r\n2026-W46,4,2,1,0.6667\r\n"), csv);
    }

    /** {@code accepted} and {@code rejected} MQLs of 2026-11-02. */
    private static AuditReport decided(int accepted, int rejected) {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < accepted + rejected; i++) {
            leads.add(lead("l" + i, "2026-10-01T00:00:00Z").to(Stage.MQL, "2026-11-02T00:00:00Z")
                    .to(i < accepted ? Stage.SQL : Stage.REJECTED, "2026-11-03T00:00:00Z", "why").build());
        }
        return AuditReport.of(Funnel.counters(leads), "default", NOVEMBER_1_TO_15);
    }
}
