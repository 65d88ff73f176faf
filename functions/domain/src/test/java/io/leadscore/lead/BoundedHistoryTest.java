package io.leadscore.lead;

import io.leadscore.model.Cap;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.formSubmit;
import static io.leadscore.lead.Activities.pageView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What grows with a lead's or an account's history has a bound, and a defined behaviour at and past it. */
class BoundedHistoryTest {
    private static final ScoringModel DEFAULT = ModelLoader.defaultModel();

    /** The default model scores each whitepaper once ever ({@code for: formId}): its memory of them is bounded. */
    @Test
    void aPerValueCapRemembersAHundredValuesAndRefusesANewOneBeyondThemWhenNoneHasPassed() {
        LeadScorer scorer = new LeadScorer(DEFAULT);
        Lead lead = Lead.newLead(Activities.LEAD);
        for (int i = 0; i < Cap.MAX_VALUES; i++) {
            lead = scorer.apply(lead, formSubmit("whitepaper-" + i, T0.plusSeconds(i)), T0).lead();
        }
        int atTheBound = lead.breakdown().get("whitepaper-download").hits();
        Scored beyond = scorer.apply(lead, formSubmit("whitepaper-new", T0.plusSeconds(1000)), T0);

        assertEquals(Cap.MAX_VALUES, atTheBound, "each of the hundred scored once");
        assertEquals(0, beyond.entry().change(), "a hundred and first value is refused, never over-scored");
        assertTrue(beyond.entry().contributions().get(0).note().contains("100 values of formId"),
                beyond.entry().contributions().toString());
        assertEquals(Cap.MAX_VALUES, beyond.lead().capHits().keySet().stream()
                .filter(key -> key.startsWith("whitepaper-download/")).count());
    }

    @Test
    void aWindowedPerValueCapForgetsValuesWhoseWindowHasPassedToMakeRoom() {
        ScoringModel model = ModelLoader.parse("""
                model: per-url
                version: 1
                eventTypes: { page_view: { requires: [url] } }
                thresholds: { salesReady: 1000 }
                rules:
                  - { id: docs, event: page_view, when: { url: { glob: "*/docs/*" } }, points: 1, cap: { times: 1, per: day, for: url } }
                """, "per-url");
        LeadScorer scorer = new LeadScorer(model);
        Lead lead = Lead.newLead(Activities.LEAD);
        for (int i = 0; i < Cap.MAX_VALUES; i++) {
            lead = scorer.apply(lead, pageView("/docs/page-" + i, T0.plusSeconds(i)), T0).lead();
        }
        Instant sameDay = T0.plus(Duration.ofHours(1));
        Instant nextWeek = T0.plus(Duration.ofDays(7));

        assertEquals(0, scorer.apply(lead, pageView("/docs/new", sameDay), T0).entry().change(), "full, none passed");
        Scored later = scorer.apply(lead, pageView("/docs/new", nextWeek), T0);
        assertEquals(1, later.entry().change(), "the old values' day has passed: forgotten, room made");
        assertEquals(1, later.lead().capHits().keySet().stream().filter(key -> key.startsWith("docs/")).count());
    }
}
