package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.model.ScoringModel;

import java.util.ArrayList;
import java.util.List;

/** One lead taken through a series of activities, keeping the ledger the scorer writes on the way. */
final class LeadJourney {
    private final LeadScorer scorer;
    private final List<LedgerEntry> ledger = new ArrayList<>();
    private final List<Crossing> crossings = new ArrayList<>();
    private Lead lead = Lead.newLead(Activities.LEAD);

    LeadJourney(ScoringModel model) {
        this.scorer = new LeadScorer(model);
    }

    static LeadJourney through(ScoringModel model, List<Activity> activities) {
        LeadJourney journey = new LeadJourney(model);
        activities.forEach(journey::then);
        return journey;
    }

    /** Scores the activity as if it were processed the moment it happened. */
    LedgerEntry then(Activity activity) {
        Scored scored = scorer.apply(lead, activity, activity.occurredAt());
        lead = scored.lead();
        ledger.add(scored.entry());
        crossings.addAll(scored.crossings());
        return scored.entry();
    }

    Lead lead() {
        return lead;
    }

    List<LedgerEntry> ledger() {
        return List.copyOf(ledger);
    }

    /** Every threshold crossing so far, in order. */
    List<Crossing> crossings() {
        return List.copyOf(crossings);
    }
}
