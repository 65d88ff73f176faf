package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's {@code Type: Schedule} event: how often it runs and the input it is given. Local mode runs
 * {@code rate(...)} schedules; a {@code cron(...)} one is kept (rate null) so it can still be run on demand. A schedule
 * given by a parameter ({@code !Ref AuditSchedule}) is the parameter's default.
 *
 * @param unresolvedInput the {@code Input} as written (it may use {@code !Sub}); see {@link #input(Resolver)}
 */
public record ScheduleSource(String name, String expression, Duration rate, JsonNode unresolvedInput) {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minutes?|hours?|days?)\\)");

    /** The JSON the function is invoked with: the schedule's input, or an empty object. */
    public String input(Resolver resolver) {
        return unresolvedInput == null ? "{}" : resolver.resolve(unresolvedInput);
    }

    static ScheduleSource parse(String name, TemplateNode properties, TemplateNode template) {
        TemplateNode schedule = properties.required("Schedule");
        String expression = schedule.get("Ref").isMissing() ? schedule.text()
                : template.get("Parameters").required(schedule.get("Ref").text()).required("Default").text();
        Matcher rate = RATE.matcher(expression);
        Duration every = null;
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            every = switch (rate.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else if (!expression.startsWith("cron(")) {
            throw schedule.error("must be rate(...) or cron(...), not '" + expression + "'");
        }
        TemplateNode input = properties.get("Input");
        return new ScheduleSource(name, expression, every, input.isMissing() ? null : input.json());
    }
}
