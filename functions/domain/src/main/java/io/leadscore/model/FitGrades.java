package io.leadscore.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Letter grades of the fit score ({@code grades: {A: 40, B: 30, C: 20, D: 10}}): a lead gets the first letter whose
 * threshold its fit reaches, {@link #BELOW} under the lowest. Sales reads "an A lead" faster than "fit 43".
 * {@link ModelLoader} guarantees single capital letters other than F and strictly descending thresholds.
 */
public record FitGrades(Map<String, Integer> thresholds) {
    /** The grade of a fit below every threshold. */
    public static final String BELOW = "F";
    /** A model without {@code grades:}: no lead is graded. */
    public static final FitGrades NONE = new FitGrades(Map.of());

    public FitGrades {
        thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    public boolean defined() {
        return !thresholds.isEmpty();
    }

    /** The letter for this fit score; null when the model defines no grades. */
    public String grade(int fit) {
        if (!defined()) {
            return null;
        }
        return thresholds.entrySet().stream().filter(e -> fit >= e.getValue()).map(Map.Entry::getKey)
                .findFirst().orElse(BELOW);
    }
}
