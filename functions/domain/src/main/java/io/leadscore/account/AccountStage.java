package io.leadscore.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.leadscore.lifecycle.Stage;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Where an account is in the sales funnel, as account-based marketing reads it: {@code account}, {@code mqa} once it
 * qualifies (its sales-ready threshold, with the committee coverage required), then as far as its most advanced member
 * got with sales: {@code sql} when a member is accepted, {@code opportunity}, {@code won}, or {@code lost} when every
 * member still in play is lost. Rejected or recycled members advance nothing, so recycling the lost member takes the
 * account back to {@code mqa} (or {@code account}).
 */
public enum AccountStage {
    ACCOUNT(null), MQA(null), SQL(Stage.SQL), OPPORTUNITY(Stage.OPPORTUNITY), WON(Stage.WON), LOST(Stage.LOST);

    /** The member stages that set an account's stage, the strongest first: one won deal makes a customer. */
    private static final List<AccountStage> BY_MEMBERS = List.of(WON, OPPORTUNITY, SQL, LOST);

    private final Stage member;

    AccountStage(Stage member) {
        this.member = member;
    }

    /** The stage of an account qualified (or not) whose members are in these stages. */
    public static AccountStage of(boolean qualified, Collection<Stage> members) {
        return BY_MEMBERS.stream().filter(stage -> members.contains(stage.member)).findFirst()
                .orElse(qualified ? MQA : ACCOUNT);
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AccountStage of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
