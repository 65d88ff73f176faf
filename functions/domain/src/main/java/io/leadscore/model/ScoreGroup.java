package io.leadscore.model;

import java.util.List;

/**
 * A score kept beside the total, usually a product line; {@code cap} bounds its behaviour points, and
 * {@code decay} (null: none) is how it fades, the model's own policy unless the group declares another.
 */
public record ScoreGroup(String id, String name, Integer cap, List<Threshold> thresholds, DecayPolicy decay) {

    public int salesReadyPoints() {
        return thresholds.stream().filter(t -> t.name().equals(ScoringModel.SALES_READY)).mapToInt(Threshold::points)
                .findFirst().orElse(0);
    }
}
