package io.leadscore.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A CRM's verdict on a lead, the stage it moves the lead to, and the stages from which the move makes sense. Won or
 * lost before any MQL is allowed (a CRM imports deals that scoring never saw qualify); going back from a closed deal,
 * or to the stage the lead is in, is not.
 */
public enum FeedbackType {
    ACCEPTED(Stage.SQL, EnumSet.of(Stage.LEAD, Stage.MQL, Stage.REJECTED, Stage.RECYCLED)),
    REJECTED(Stage.REJECTED, EnumSet.of(Stage.LEAD, Stage.MQL, Stage.SQL, Stage.RECYCLED)),
    OPPORTUNITY(Stage.OPPORTUNITY, EnumSet.of(Stage.LEAD, Stage.MQL, Stage.SQL, Stage.REJECTED, Stage.RECYCLED)),
    WON(Stage.WON, EnumSet.complementOf(EnumSet.of(Stage.WON, Stage.LOST))),
    LOST(Stage.LOST, EnumSet.complementOf(EnumSet.of(Stage.WON, Stage.LOST))),
    RECYCLED(Stage.RECYCLED, EnumSet.complementOf(EnumSet.of(Stage.LEAD, Stage.RECYCLED)));

    private final Stage stage;
    private final Set<Stage> from;

    FeedbackType(Stage stage, Set<Stage> from) {
        this.stage = stage;
        this.from = from;
    }

    /** The stage this verdict moves a lead to. */
    public Stage stage() {
        return stage;
    }

    /** The verdict that moves a lead to {@code stage}; empty for a stage only scoring moves to (mql, lead). */
    public static Optional<FeedbackType> movingTo(Stage stage) {
        return Arrays.stream(values()).filter(type -> type.stage == stage).findFirst();
    }

    /** Why a lead in {@code current} cannot take this verdict; empty when it can. */
    public Optional<String> refusal(Stage current) {
        return from.contains(current) ? Optional.empty()
                : Optional.of("cannot move a lead from " + current.label() + " to " + stage.label() + " (" + label()
                + " applies to a lead in " + from.stream().map(Stage::label).collect(Collectors.joining(", ")) + ")");
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FeedbackType of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The type named so, exactly as the API writes it. */
    public static Optional<FeedbackType> named(String label) {
        return Arrays.stream(values()).filter(type -> type.label().equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(FeedbackType::label).collect(Collectors.joining(", "));
    }
}
