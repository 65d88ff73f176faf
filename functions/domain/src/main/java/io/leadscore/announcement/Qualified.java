package io.leadscore.announcement;

import java.util.List;

/**
 * A lead or an account reaching a threshold from below: what the sales team is told. A lead qualifies on its total
 * score or on a score group's (a product line); an account on its total score, with its committee as its "why".
 */
public sealed interface Qualified extends Announcement permits LeadQualified, AccountQualified {

    /** The score group whose threshold it is, or null for the total score. */
    String group();

    /** The score group's name, or null for the total score. */
    String groupName();

    Threshold threshold();

    /** The rules that contribute most to the score, best first. */
    List<TopRule> topRules();
}
