package io.leadscore.notify;

import io.leadscore.aws.lambda.Environment;
import io.leadscore.notify.QualifiedEvent.Subject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where qualification notifications go: the destinations and their routing, and the keys that sign JSON webhooks
 * (see {@link NotifySettings}: from Secrets Manager in AWS).
 *
 * <p>A qualification (or a review reminder) goes to every routed destination whose conditions it meets; when it meets
 * none, to the default destination. So nothing falls through, and a team that routes by territory need not list every
 * territory: the rest reaches the default. Marketing takes review reminders with {@code {"type": ["ModelReviewDue"]}}.
 *
 * @param links link templates per subject, such as {@code https://crm.example/leads/{leadId}}
 */
record NotifyConfig(List<Destination> destinations, Destination defaultDestination, Map<Subject, String> links,
                    Optional<Signature> signature) {

    NotifyConfig {
        destinations = List.copyOf(destinations);
        links = Map.copyOf(links);
    }

    static NotifyConfig from(NotifySettings settings, Environment env) {
        return NotifyConfigReader.read(settings.configJson(), settings.signingKeys(),
                env.get(NotifySettings.ALLOW_LOOPBACK).map(Boolean::parseBoolean).orElse(false));
    }

    /** Reads the configuration's JSON; a {@code webhook} destination needs a signing key. */
    static NotifyConfig parse(String json, List<SigningKey> keys, boolean allowLoopback) {
        return NotifyConfigReader.read(json, keys, allowLoopback);
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
