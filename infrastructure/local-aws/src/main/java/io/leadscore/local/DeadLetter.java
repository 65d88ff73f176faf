package io.leadscore.local;

/**
 * An event that a function failed on at every attempt: what Lambda sends to the function's on-failure destination.
 *
 * @param functionLogicalId the function
 * @param ruleName          the rule that matched the event, {@link EventRuleSource#name()}
 * @param attempts          how many times the function was invoked with it
 * @param error             what the last attempt threw
 */
public record DeadLetter(String functionLogicalId, String ruleName, PublishedEvent event, int attempts, Throwable error) {
}
