package io.leadscore.notify;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where notifications go. A destination with conditions ({@code when}) receives the events (qualifications, review
 * reminders) that meet all of them; one without conditions only receives what no routed destination takes, when it is
 * the default.
 *
 * @param url the webhook to post to; null for {@link Type#LOG}
 */
record Destination(String id, Type type, URI url, List<RouteCondition> when) {

    enum Type {
        /** A Slack-compatible incoming webhook: a readable message. */
        SLACK,
        /** A JSON webhook signed with HMAC-SHA256: the qualification as data, for machines. */
        WEBHOOK,
        /** A readable line on standard output (the function's log): the local default. */
        LOG;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Type> of(String wire) {
            return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
        }
    }

    Destination {
        when = List.copyOf(when);
    }

    boolean routed() {
        return !when.isEmpty();
    }

    boolean wants(Notice event) {
        return routed() && when.stream().allMatch(condition -> condition.matches(event));
    }
}
