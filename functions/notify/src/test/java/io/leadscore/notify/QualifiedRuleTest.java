package io.leadscore.notify;

import io.leadscore.local.LocalEventBus;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The template's rule for the notify function, matched with Event Ruler against the sample events. */
class QualifiedRuleTest {
    private final String pattern = SamTemplate.load(SamTemplate.locate()).function("NotifyFunction").eventRules()
            .get(0).pattern();

    @Test
    void matchesTheQualificationsSalesMustHearOf() throws IOException {
        assertTrue(LocalEventBus.matches(pattern, Files.readString(Path.of("../../events/notify/lead-qualified.json"))));
        assertTrue(LocalEventBus.matches(pattern,
                Files.readString(Path.of("../../events/notify/lead-qualified-platform-emea.json"))));
    }

    @Test
    void matchesTheReviewRemindersMarketingMustHearOfButNotTheJobsSegments() throws IOException {
        assertTrue(LocalEventBus.matches(pattern, Files.readString(Path.of(Samples.REVIEW_DUE))));
        assertFalse(LocalEventBus.matches(pattern, Files.readString(Path.of("../../events/bus/job-segment-ready.json"))));
    }

    @Test
    void letsColdAndDisqualifiedLeadsAndOtherSourcesPass() throws IOException {
        String qualified = Files.readString(Path.of("../../events/notify/lead-qualified.json"));
        assertFalse(LocalEventBus.matches(pattern, qualified.replace("\"LeadQualified\"", "\"LeadWentCold\"")));
        assertFalse(LocalEventBus.matches(pattern, qualified.replace("\"LeadQualified\"", "\"LeadDisqualified\"")));
        assertFalse(LocalEventBus.matches(pattern, qualified.replace("\"source\": \"leadscore\"", "\"source\": \"crm\"")));
    }
}
