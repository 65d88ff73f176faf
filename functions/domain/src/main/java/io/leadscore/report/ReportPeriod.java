package io.leadscore.report;

import io.leadscore.activity.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The days a report covers, both included: at most {@value #MAX_DAYS}, so that a report reads a bounded number of items. */
public record ReportPeriod(LocalDate from, LocalDate to) {
    public static final int MAX_DAYS = 366;

    /** A period refused, the parameter at fault named. */
    public static final class Invalid extends IllegalArgumentException {
        private final transient FieldError error;

        Invalid(String field, String problem) {
            super(field + " " + problem);
            this.error = new FieldError(field, problem);
        }

        public FieldError error() {
            return error;
        }
    }

    public ReportPeriod {
        long days = days(from, to);
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("a report period is 1 to " + MAX_DAYS + " days, not " + from + " to " + to);
        }
    }

    /** The {@code days} days ending {@code today}. */
    public static ReportPeriod lastDays(LocalDate today, int days) {
        return new ReportPeriod(today.minusDays(days - 1L), today);
    }

    /** The months ending with {@code today}'s, {@code today}'s included, from the first of the earliest. */
    public static ReportPeriod lastMonths(LocalDate today, int months) {
        return new ReportPeriod(today.withDayOfMonth(1).minusMonths(months - 1L), today);
    }

    /**
     * The period a request asks for ({@code YYYY-MM-DD}, null when absent): {@code to} defaults to the default's end,
     * {@code from} to as many days before {@code to} as the default spans.
     *
     * @throws Invalid naming {@code from} or {@code to}: not a date, {@code to} before {@code from}, or too long
     */
    public static ReportPeriod parse(String from, String to, ReportPeriod defaults) {
        LocalDate end = to == null ? defaults.to() : date(to, "to");
        LocalDate start = from == null ? end.minusDays(defaults.days() - 1) : date(from, "from");
        // Named: the parameter given, to when both are.
        String field = to == null ? "from" : "to";
        if (end.isBefore(start)) {
            throw new Invalid(field, to == null ? "is after to (" + end + ", today)" : "is before from (" + start + ")");
        }
        if (days(start, end) > MAX_DAYS) {
            throw new Invalid(field, "makes the period " + days(start, end) + " days (" + start + " to " + end
                    + "); at most " + MAX_DAYS);
        }
        return new ReportPeriod(start, end);
    }

    /** How many days it covers. */
    public long days() {
        return days(from, to);
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "must be a date YYYY-MM-DD, not '" + text + "'");
        }
    }
}
