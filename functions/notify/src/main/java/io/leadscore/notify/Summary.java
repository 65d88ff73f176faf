package io.leadscore.notify;

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
    static String name(Qualification qualification) {
        Optional<String> name = switch (qualification.subject()) {
            case LEAD -> fullName(qualification).or(() -> profile(qualification, "email"));
            case ACCOUNT -> profile(qualification, "company");
        };
        return name.orElseGet(() -> reference(qualification));
    }

    /** "lead lead-42": the subject by id only, for places where personal data has no business. */
    static String reference(Qualification qualification) {
        return qualification.subject().noun() + " " + qualification.subjectId();
    }

    /** What else tells the sales team who this is: "VP Engineering at Acme", the email, the country. */
    static List<String> facts(Qualification qualification) {
        Optional<String> company = profile(qualification, "company");
        Optional<String> role = profile(qualification, "jobTitle")
                .map(title -> company.map(c -> title + " at " + c).orElse(title))
                .or(() -> company);
        String name = name(qualification);
        return Stream.of(role, profile(qualification, "email"), profile(qualification, "country"))
                .flatMap(Optional::stream)
                .filter(fact -> !fact.equals(name))
                .toList();
    }

    /** "reached salesReady for Platform: score 82 (threshold 80)" */
    static String achievement(Qualification qualification) {
        String group = qualification.group() == null ? ""
                : " for " + (qualification.groupName() != null ? qualification.groupName() : qualification.group());
        return "reached " + qualification.threshold().name() + group + ": score " + qualification.score()
                + " (threshold " + qualification.threshold().points() + ")";
    }

    /** "Requested a demo (+20)", the publisher's top rules in its order. */
    static List<String> reasons(Qualification qualification) {
        return qualification.topRules().stream()
                .map(rule -> cut(rule.description()) + " (" + String.format("%+d", rule.points()) + ")")
                .toList();
    }

    private static Optional<String> profile(Qualification qualification, String field) {
        return qualification.profileText(field).map(Summary::cut);
    }

    private static Optional<String> fullName(Qualification qualification) {
        String name = Stream.of("firstName", "lastName").map(field -> profile(qualification, field))
                .flatMap(Optional::stream).collect(Collectors.joining(" "));
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private static String cut(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }
}
