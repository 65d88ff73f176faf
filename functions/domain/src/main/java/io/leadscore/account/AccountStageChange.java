package io.leadscore.account;

import java.time.Instant;

/**
 * One move of an account's stage, with who and why: {@code leadscore} and the threshold for an MQA (or its loss),
 * the rep and their reason for a member's verdict.
 *
 * @param leadId the member whose change moved it
 */
public record AccountStageChange(AccountStage from, AccountStage to, Instant at, String who, String why,
                                 String leadId) {
}
