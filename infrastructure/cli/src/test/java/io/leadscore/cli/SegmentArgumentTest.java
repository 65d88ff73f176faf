package io.leadscore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --segment PART=VALUE} read into the leads list's query parameters, or refused as wrong usage. */
class SegmentArgumentTest {

    @Test
    void everyPartBecomesTheListsParameters() {
        assertEquals(Map.of("minScore", "50", "maxScore", "100", "stage", "mql,sql", "grade", "A,B"),
                SegmentArgument.query(List.of("score=50..100", "stage=mql, sql", "grade=A,B")));
        assertEquals(Map.of(), SegmentArgument.query(List.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "score=50..|50|",
            "score=..20||20",
            "score=-10..-1|-10|-1",
            "score=75|75|75",
            "score= 5 .. 9 |5|9"})
    void aScoreRangeMayLeaveOutEitherBound(String segment, String min, String max) {
        Map<String, String> query = SegmentArgument.query(List.of(segment));
        assertEquals(min, query.get("minScore"), query.toString());
        assertEquals(max, query.get("maxScore"), query.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "score=..|a score range is MIN..MAX",
            "score=100..50|maxScore (50) is below minScore (100)",
            "score=a..b|minScore is a whole number",
            "stage=mql,hot|unknown stage 'hot'",
            "stage=|stage is a comma list without empty items",
            "colour=red|a segment is PART=VALUE, PART one of score, stage, grade",
            "stage|a segment is PART=VALUE"})
    void aSegmentTheListCannotTakeIsWrongUsageSayingWhy(String segment, String problem) {
        Failure failure = assertThrows(Failure.class, () -> SegmentArgument.query(List.of(segment)));
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("--segment " + segment + ": "), failure.getMessage());
        assertTrue(failure.getMessage().contains(problem), failure.getMessage());
    }

    @Test
    void aPartGivenTwiceIsRefusedRatherThanOneOfThemIgnored() {
        Failure failure = assertThrows(Failure.class, () -> SegmentArgument.query(List.of("stage=mql", "stage=sql")));
        assertEquals("--segment stage=sql: stage is given twice: put every value in one --segment stage=...",
                failure.getMessage());
    }
}
