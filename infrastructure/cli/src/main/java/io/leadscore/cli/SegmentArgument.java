package io.leadscore.cli;

import io.leadscore.lead.Segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --segment PART=VALUE}, repeated: {@code score=50..100} (either bound may be left out: {@code 50..},
 * {@code ..20}; {@code 75} alone is exactly 75), {@code stage=mql,sql}, {@code grade=A,B}; all parts apply at once.
 * Read into the leads list's query parameters, each part checked here as far as the tool can without the API (a
 * grade's letters are the model's: the API checks those).
 */
final class SegmentArgument {
    static final String SCORE = "score";
    static final Set<String> PARTS = Set.of(SCORE, Segment.STAGE, Segment.GRADE);
    private static final String RANGE = "..";

    private SegmentArgument() {
    }

    static Map<String, String> query(List<String> segments) {
        Map<String, String> query = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String segment : segments) {
            int equals = segment.indexOf('=');
            String part = equals < 0 ? segment : segment.substring(0, equals).strip();
            if (equals < 0 || !PARTS.contains(part)) {
                throw usage(segment, "a segment is PART=VALUE, PART one of score, stage, grade (e.g. score=50..100,"
                        + " stage=mql,sql, grade=A,B)");
            }
            if (!seen.add(part)) {
                throw usage(segment, part + " is given twice: put every value in one --segment " + part + "=...");
            }
            String value = segment.substring(equals + 1).strip();
            try {
                switch (part) {
                    case SCORE -> query.putAll(scoreRange(segment, value));
                    case Segment.STAGE -> query.put(part, String.join(",", Segment.stages(value).stream()
                            .map(io.leadscore.lifecycle.Stage::label).toList()));
                    default -> query.put(part, value);
                }
            } catch (Segment.Invalid e) {
                throw usage(segment, e.getMessage());
            }
        }
        return query;
    }

    /** {@code MIN..MAX}, {@code MIN..}, {@code ..MAX} or {@code N}, as minScore and maxScore. */
    private static Map<String, String> scoreRange(String segment, String value) {
        int dots = value.indexOf(RANGE);
        String min = dots < 0 ? value : value.substring(0, dots).strip();
        String max = dots < 0 ? value : value.substring(dots + RANGE.length()).strip();
        if (min.isEmpty() && max.isEmpty()) {
            throw usage(segment, "a score range is MIN..MAX, MIN.., ..MAX or a single score, e.g. 50..100");
        }
        Segment.ScoreRange range = Segment.ScoreRange.of(min.isEmpty() ? null : min, max.isEmpty() ? null : max);
        Map<String, String> query = new LinkedHashMap<>();
        if (range.min() != null) {
            query.put(Segment.MIN_SCORE, range.min().toString());
        }
        if (range.max() != null) {
            query.put(Segment.MAX_SCORE, range.max().toString());
        }
        return query;
    }

    private static Failure usage(String segment, String problem) {
        return new Failure(ExitCode.USAGE, "--segment " + segment + ": " + problem);
    }
}
