package io.leadscore.nps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How an NPS answer classes its author: promoters answer 9-10, passives 7-8, detractors 0-6. */
public enum NpsCategory {
    PROMOTER, PASSIVE, DETRACTOR;

    /** The class of a score from 0 to 10. */
    public static NpsCategory of(int score) {
        if (score < NpsAnswer.MIN_SCORE || score > NpsAnswer.MAX_SCORE) {
            throw new IllegalArgumentException("an NPS score is from 0 to 10, not " + score);
        }
        return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label in the plural, as the report counts it: {@code promoters}, {@code passives}, {@code detractors}. */
    public String counted() {
        return label() + "s";
    }

    @JsonCreator
    public static NpsCategory of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
