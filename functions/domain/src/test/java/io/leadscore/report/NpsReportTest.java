package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.nps.NpsAnswer;
import io.leadscore.report.NpsReport.AccountFigures;
import io.leadscore.report.NpsReport.Figures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The NPS report over leads whose figures are worked out by hand below, read from their counters. */
class NpsReportTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
    private static final String LONG_ACCOUNT = "a".repeat(CounterItem.MAX_MEMBER_LENGTH + 1);

    private final List<Lead> leads = new ArrayList<>();

    @Test
    void overallAndPerAccountUnhappiestFirst() {
        answered("acme.com", 10, 8, 3, 0);   // 1 promoter, 1 passive, 2 detractors: 100 * (1 - 2) / 4 = -25
        answered("globex.com", 9, 9, 7);     // 2, 1, 0: 100 * 2 / 3 = 66.7, 67
        answered("initech.com", 6);          // 0, 0, 1: -100
        answered(null, 10);                  // no account: overall only
        answered(LONG_ACCOUNT, 9);           // an id too long to be a counter's member: overall only
        leads.add(lead("never-answered", "acme.com", null));
        leads.add(lead("merged-visitor", "acme.com", new NpsAnswer(0, AT)).toBuilder().mergedInto("x").build());

        NpsReport report = NpsReport.read(new MemoryCounts(leads));

        // promoters 1 + 2 + 1 + 1 = 5, passives 1 + 1 = 2, detractors 2 + 1 = 3: 100 * (5 - 3) / 10 = 20
        assertEquals(new Figures(10, 5, 2, 3, 20), report.overall());
        assertEquals(List.of(new AccountFigures("initech.com", 1, 0, 0, 1, -100),
                new AccountFigures("acme.com", 4, 1, 1, 2, -25),
                new AccountFigures("globex.com", 3, 2, 1, 0, 67)), report.accounts());
    }

    @Test
    void roundsHalvesAwayFromZeroAndBreaksTiesByAccountId() {
        answered("d.com", 10, 7, 7, 7, 7, 7, 0, 0);  // 100 * (1 - 2) / 8 = -12.5: -13
        answered("a.com", 10, 10, 7, 7, 7, 7, 7, 0); // 100 * (2 - 1) / 8 = 12.5: 13
        answered("b.com", 10, 7, 7, 7, 7, 7, 0, 0);  // as d.com: -13, and before it by id

        NpsReport report = NpsReport.read(new MemoryCounts(leads));

        assertEquals(List.of("b.com:-13", "d.com:-13", "a.com:13"), report.accounts().stream()
                .map(a -> a.accountId() + ":" + a.nps()).toList());
    }

    @Test
    void noAnswersNoScore() {
        leads.add(lead("quiet", "acme.com", null));

        NpsReport report = NpsReport.read(new MemoryCounts(leads));

        assertEquals(new Figures(0, 0, 0, 0, null), report.overall());
        assertEquals(List.of(), report.accounts());
    }

    @Test
    void aNewAnswerMovesTheLeadFromOneClassToAnotherInBothItems() {
        Lead promoter = lead("dana", "acme.com", new NpsAnswer(10, AT));
        Lead detractor = promoter.toBuilder().nps(new NpsAnswer(2, AT.plusSeconds(60))).build();

        Counts change = LeadCounts.change(promoter, detractor);

        Map<String, Long> moved = Map.of("detractors", 1L, "promoters", -1L);
        assertEquals(Map.of(CounterItem.of("nps"), moved, new CounterItem("nps-accounts", null, "acme.com"), moved),
                change.items());
    }

    @Test
    void csvHasTheOverallRowThenTheAccounts() {
        answered("acme, inc", 10, 0);
        answered("globex.com", 9);

        assertEquals("\uFEFFscope,accountId,responses,promoters,passives,detractors,nps\r\n"
                + "overall,,3,2,0,1,33\r\n"
                + "account,\"acme, inc\",2,1,0,1,0\r\n"
                + "account,globex.com,1,1,0,0,100\r\n", NpsReport.read(new MemoryCounts(leads)).toCsv());
    }

    private void answered(String accountId, int... scores) {
        for (int score : scores) {
            leads.add(lead("lead-" + leads.size(), accountId, new NpsAnswer(score, AT)));
        }
    }

    private static Lead lead(String id, String accountId, NpsAnswer answer) {
        return Lead.newLead(id).toBuilder().revision(1).accountId(accountId).nps(answer).build();
    }
}
