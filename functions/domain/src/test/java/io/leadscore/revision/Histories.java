package io.leadscore.revision;

import io.leadscore.activity.Activity;
import io.leadscore.activity.EventIds;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.model.ScoringModel;
import io.leadscore.support.Json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Recorded activities of leads, and the leads live scoring made of them, for the re-scoring tests. */
final class Histories {
    static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    private Histories() {
    }

    static Activity pageView(String leadId, String path, Instant at) {
        return activity(leadId, "page_view", at, Map.of("url", "https://example.com" + path));
    }

    static Activity formSubmit(String leadId, String formId, Instant at) {
        return activity(leadId, "form_submit", at, Map.of("formId", formId));
    }

    static Activity identify(String leadId, Map<String, Object> profile, Instant at) {
        return activity(leadId, "identify", at, profile);
    }

    static Activity activity(String leadId, String type, Instant at, Map<String, Object> properties) {
        return new Activity(EventIds.derive("site-1", leadId, type, at, properties), type, leadId, at, properties,
                "site-1", at);
    }

    static Map<String, Object> vp() {
        return Map.of("jobTitle", "VP Engineering", "industry", "software", "companySize", new BigDecimal(400),
                "country", "US", "email", "vp@acme.example");
    }

    /**
     * The lead live scoring keeps: each activity applied as it comes, in time order, after the decay function has
     * taken what was due (it runs on a schedule; here at {@code sweeps} too, which must change nothing), swept
     * last at {@code now}; then stored and read back as the store does (Jackson both ways) after {@code writes}.
     */
    static Lead live(ScoringModel model, String leadId, List<Activity> inTimeOrder, List<Instant> sweeps,
                     Instant now) {
        LeadScorer scorer = new LeadScorer(model);
        Lead lead = Lead.newLead(leadId);
        int writes = 0;
        for (Activity activity : inTimeOrder) {
            for (Instant sweep : sweeps) {
                if (sweep.isBefore(activity.occurredAt()) && (lead.lastActivityAt() == null
                        || !sweep.isBefore(lead.lastActivityAt()))) {
                    lead = scorer.decay().sweep(lead, sweep).lead();
                }
            }
            lead = scorer.decay().sweep(lead, activity.occurredAt()).lead();
            lead = scorer.apply(lead, activity, activity.occurredAt()).lead().withRevision(++writes);
        }
        lead = scorer.decay().sweep(lead, now).lead();
        return stored(lead);
    }

    /** As the lead table keeps it: Jackson to a map of attribute values and back. */
    static Lead stored(Lead lead) {
        Map<?, ?> item = Json.mapper().convertValue(lead, Map.class);
        return Json.mapper().convertValue(item, Lead.class);
    }
}
