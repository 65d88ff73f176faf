package io.leadscore.announcement;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.leadscore.lead.Crossing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What leadscore announces about a lead or an account: a threshold crossed either way, a cold spell. Stored in the
 * lead's (or the account's) partition with the score change that caused it, and listed, newest first, as the
 * notification feed.
 *
 * <p>The detail is these records as Jackson writes them: every field present, null where it does not apply, in the
 * order first published ({@code kind} included, the scorer's name for it). {@link #read} takes one back and names
 * every missing or malformed field. It requires what a reader needs (ids, threshold, score, time) and fills in what
 * the publisher always sends but a reader can do without, so that a hand-made or older detail still reads.
 */
@JsonPropertyOrder({"kind", "qualificationId", "leadId", "group", "groupName", "threshold", "score", "model", "at",
        "eventId", "topRules", "profile", "grade", "market", "accountId", "committee"})
public sealed interface Announcement extends BusEvent
        permits Qualified, AccountAnnouncement, LeadDisqualified, LeadWentCold {
    /** The announcements' detail-types, as the README lists them: what the notification feed lists. */
    List<String> DETAIL_TYPES = List.of(LeadQualified.DETAIL_TYPE, LeadDisqualified.DETAIL_TYPE,
            LeadWentCold.DETAIL_TYPE, AccountQualified.DETAIL_TYPE, AccountDisqualified.DETAIL_TYPE);

    /** The detail's own name for what happened: {@code QUALIFIED}, {@code WENT_COLD}... */
    @JsonProperty("kind")
    String kind();

    /** Names the qualification cycle (or cold spell): the key under which it is stored, published and delivered once. */
    String qualificationId();

    @Override
    default String key() {
        return qualificationId();
    }

    /** The lead; for an account's announcement, the member whose change crossed the line. */
    String leadId();

    int score();

    /** The model and version that scored it, {@code default@1}. */
    String model();

    Instant at();

    /** The activity (or decay step, merge, cold spell) that caused it. */
    String eventId();

    /** What leadscore knew of the lead (email, name, company, country...), or of the account (its owner). */
    Map<String, Object> profile();

    /**
     * Reads an announcement's detail as the type its detail-type names.
     *
     * @throws IllegalArgumentException naming the detail-type if it is not an announcement, or every missing or
     *                                  malformed field of the detail: {@code LeadQualified event is invalid: score:
     *                                  required; ...}
     */
    static Announcement read(String detailType, Map<String, ?> detail) {
        if (BusEvent.DETAIL_TYPES.contains(detailType) && !DETAIL_TYPES.contains(detailType)) {
            throw new IllegalArgumentException("detail-type '" + detailType + "' is not an announcement of a lead or"
                    + " an account " + DETAIL_TYPES);
        }
        return (Announcement) BusEvent.read(detailType, detail);
    }

    /** What a crossing announces. */
    static Announcement of(Crossing crossing) {
        Threshold threshold = crossing.threshold() == null ? null : new Threshold(crossing.threshold().name(),
                crossing.threshold().points(), crossing.threshold().rearmBelow());
        List<TopRule> topRules = crossing.topRules().stream()
                .map(rule -> new TopRule(rule.rule(), rule.description(), rule.points())).toList();
        Committee committee = crossing.committee() == null ? null : new Committee(crossing.committee().members(),
                crossing.committee().engagedMembers(), crossing.committee().roles(),
                crossing.committee().topMembers().stream()
                        .map(m -> new CommitteeMember(m.leadId(), m.role(), m.points())).toList());
        return switch (crossing.kind()) {
            case QUALIFIED -> new LeadQualified(crossing.qualificationId(), crossing.leadId(), crossing.group(),
                    crossing.groupName(), threshold, crossing.score(), crossing.model(), crossing.at(),
                    crossing.eventId(), topRules, crossing.profile(), crossing.grade(), crossing.market(),
                    crossing.likelihood());
            case DISQUALIFIED -> new LeadDisqualified(crossing.qualificationId(), crossing.leadId(), crossing.group(),
                    crossing.groupName(), threshold, crossing.score(), crossing.model(), crossing.at(),
                    crossing.eventId(), topRules, crossing.profile());
            case WENT_COLD -> new LeadWentCold(crossing.qualificationId(), crossing.leadId(), crossing.score(),
                    crossing.model(), crossing.at(), crossing.eventId(), topRules, crossing.profile());
            case ACCOUNT_QUALIFIED -> new AccountQualified(crossing.qualificationId(), crossing.leadId(), threshold,
                    crossing.score(), crossing.model(), crossing.at(), crossing.eventId(), crossing.profile(),
                    crossing.accountId(), committee);
            case ACCOUNT_DISQUALIFIED -> new AccountDisqualified(crossing.qualificationId(), crossing.leadId(),
                    threshold, crossing.score(), crossing.model(), crossing.at(), crossing.eventId(),
                    crossing.profile(), crossing.accountId(), committee);
        };
    }

    /**
     * The threshold crossed: reached at {@code points}, re-armed (may qualify again) below {@code rearmBelow}.
     */
    record Threshold(String name, int points, int rearmBelow) {
        public Threshold {
            Objects.requireNonNull(name, "name");
        }
    }

    /** One line of "why": a rule, what it says, and what it contributes to the score. */
    record TopRule(String rule, String description, int points) {
        public TopRule {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * An account's buying committee when it crossed: its members, how many are engaged, the roles they fill, and its
     * best members.
     */
    record Committee(int members, int engagedMembers, List<String> roles, List<CommitteeMember> topMembers) {
        public Committee {
            roles = List.copyOf(roles);
            topMembers = List.copyOf(topMembers);
        }
    }

    /** A member's share of an account's score; {@code role} is null when the member fills none. */
    record CommitteeMember(String leadId, String role, int points) {
        public CommitteeMember {
            Objects.requireNonNull(leadId, "leadId");
        }
    }
}
