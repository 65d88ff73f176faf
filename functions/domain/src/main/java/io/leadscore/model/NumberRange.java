package io.leadscore.model;

import java.math.BigDecimal;

/** The range a number profile field takes, each end inclusive and either open (null). */
public record NumberRange(BigDecimal min, BigDecimal max) {

    public boolean contains(BigDecimal value) {
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    public String describe() {
        return min != null && max != null ? "from " + min.toPlainString() + " to " + max.toPlainString()
                : min != null ? "at least " + min.toPlainString() : "at most " + max.toPlainString();
    }
}
