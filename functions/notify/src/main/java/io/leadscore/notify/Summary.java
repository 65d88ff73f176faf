package io.leadscore.notify;

import io.leadscore.announcement.Qualified;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The words every readable message shares: who qualified, what they reached and why. Plain text; profile
 * values are cut short, since they come from web forms and a message has limits (Slack's blocks: 3,000
 * characters). Callers escape it (Slack) or leave the personal parts out (logs).
 */
final class Summary {
    static final int MAX_VALUE_LENGTH = 100;

    private Summary() {
    }

    /** A lead's name, else its email; an account's company; else the subject's id ("lead lead-42"). */
    static String name(QualifiedEvent event) {
        Optional<String> name = switch (event.subject()) {
            case LEAD -> fullName(event).or(() -> profile(event, "email"));
            case ACCOUNT -> profile(event, "company");
        };
        return name.orElseGet(() -> reference(event));
    }

    /** "lead lead-42": the subject by id only, for places where personal data has no business. */
    static String reference(QualifiedEvent event) {
        return event.subject().noun() + " " + event.subjectId();
    }

    /** What else tells the sales team who this is: "VP Engineering at Acme", the email, the country. */
    static List<String> facts(QualifiedEvent event) {
        Optional<String> company = profile(event, "company");
        Optional<String> role = profile(event, "jobTitle")
                .map(title -> company.map(c -> title + " at " + c).orElse(title))
                .or(() -> company);
        String name = name(event);
        return Stream.of(role, profile(event, "email"), profile(event, "country"))
                .flatMap(Optional::stream)
                .filter(fact -> !fact.equals(name))
                .toList();
    }

    /** "reached salesReady for Platform: score 82 (threshold 80)" */
    static String achievement(QualifiedEvent event) {
        Qualified qualified = event.qualified();
        String group = qualified.group() == null ? ""
                : " for " + (qualified.groupName() != null ? qualified.groupName() : qualified.group());
        return "reached " + qualified.threshold().name() + group + ": score " + qualified.score()
                + " (threshold " + qualified.threshold().points() + ")";
    }

    /** "Requested a demo (+20)", the publisher's top rules in its order. */
    static List<String> reasons(QualifiedEvent event) {
        return event.qualified().topRules().stream()
                .map(rule -> cut(rule.description()) + " (" + String.format("%+d", rule.points()) + ")")
                .toList();
    }

    private static Optional<String> profile(QualifiedEvent event, String field) {
        return event.profileText(field).map(Summary::cut);
    }

    private static Optional<String> fullName(QualifiedEvent event) {
        String name = Stream.of("firstName", "lastName").map(field -> profile(event, field))
                .flatMap(Optional::stream).collect(Collectors.joining(" "));
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private static String cut(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }
}
