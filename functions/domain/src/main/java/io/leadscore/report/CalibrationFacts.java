package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.ScoringModel;

import java.util.Map;

/**
 * What a lead counts for in the point calibration: once it has been sales-ready (or won), itself ({@code leads}) and
 * the interactions per buyer-journey stage it had when it first got there, in family {@value #FAMILY}, member
 * {@code mql} or {@code won}, one item each: a lead adds at most two items to a transaction. Moves stored before
 * leads counted interactions count for nothing until a re-score counts them.
 */
public final class CalibrationFacts implements LeadFacts {
    public static final String FAMILY = "calibration";

    @Override
    public void count(Lead lead, Counts.Builder counts) {
        for (Stage reached : StageChange.COUNTED) {
            lead.stageHistory().stream().filter(change -> change.to() == reached).findFirst()
                    .map(StageChange::journey)
                    .ifPresent(journey -> count(item(reached), journey, counts));
        }
    }

    /** The item a calibration over the leads that reached {@code stage} reads. */
    public static CounterItem item(Stage reached) {
        return new CounterItem(FAMILY, null, reached.label());
    }

    private static void count(CounterItem item, Map<String, Integer> journey, Counts.Builder counts) {
        counts.add(item, ScoringModel.JOURNEY_LEADS, 1);
        journey.forEach((stage, interactions) -> counts.add(item, stage, interactions));
    }
}
