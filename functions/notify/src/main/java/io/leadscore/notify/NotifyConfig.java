package io.leadscore.notify;

import io.leadscore.aws.lambda.Environment;
import io.leadscore.notify.QualifiedEvent.Subject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where qualification notifications go: the destinations and their routing from {@code NOTIFY_CONFIG}, and the
 * key that signs JSON webhooks from {@code WEBHOOK_SECRET} (kept out of NOTIFY_CONFIG, so that the routing can
 * be shown and reviewed, and out of code).
 *
 * <p>A qualification (or a review reminder) goes to every routed destination whose conditions it meets; when it meets
 * none, to the default destination. So nothing falls through, and a team that routes by territory need not list every
 * territory: the rest reaches the default. Marketing takes review reminders with {@code {"type": ["ModelReviewDue"]}}.
 *
 * @param links link templates per subject, such as {@code https://crm.example/leads/{leadId}}
 */
record NotifyConfig(List<Destination> destinations, Destination defaultDestination, Map<Subject, String> links,
                    Optional<Signature> signature) {
    static final String NOTIFY_CONFIG = "NOTIFY_CONFIG";
    static final String WEBHOOK_SECRET = "WEBHOOK_SECRET";

    NotifyConfig {
        destinations = List.copyOf(destinations);
        links = Map.copyOf(links);
    }

    static NotifyConfig from(Environment env) {
        return parse(env.require(NOTIFY_CONFIG), env.get(WEBHOOK_SECRET));
    }

    /** Reads NOTIFY_CONFIG's JSON; a {@code webhook} destination needs the secret. */
    static NotifyConfig parse(String json, Optional<String> webhookSecret) {
        return NotifyConfigReader.read(json, webhookSecret);
    }

    List<Destination> destinationsFor(Notice event) {
        List<Destination> routed = destinations.stream().filter(d -> d.wants(event)).toList();
        return routed.isEmpty() ? List.of(defaultDestination) : routed;
    }

    /** The link to the lead (or account) in the team's CRM, if a template is configured for it. */
    Optional<String> link(Notice event) {
        if (!(event instanceof QualifiedEvent qualification)) {
            return Optional.empty();
        }
        Subject subject = qualification.subject();
        return Optional.ofNullable(links.get(subject)).map(template -> template.replace(placeholder(subject),
                URLEncoder.encode(qualification.subjectId(), StandardCharsets.UTF_8).replace("+", "%20")));
    }

    static String placeholder(Subject subject) {
        return "{" + subject.idField() + "}";
    }
}
