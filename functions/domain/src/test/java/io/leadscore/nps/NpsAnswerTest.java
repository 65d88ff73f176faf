package io.leadscore.nps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NpsAnswerTest {
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    @ParameterizedTest
    @CsvSource({"0, detractor", "6, detractor", "7, passive", "8, passive", "9, promoter", "10, promoter"})
    void classesScoresPromotersNineToTenPassivesSevenToEightDetractorsZeroToSix(int score, String category) {
        assertEquals(NpsCategory.of(category), new NpsAnswer(score, AT).category());
    }

    @Test
    void refusesAScoreOffTheScale() {
        assertThrows(IllegalArgumentException.class, () -> new NpsAnswer(11, AT));
        assertThrows(IllegalArgumentException.class, () -> new NpsAnswer(-1, AT));
    }

    @Test
    void anAnswerIsAnNpsResponseWithAValidScoreOnly() {
        assertEquals(Optional.of(new NpsAnswer(7, AT)), NpsAnswer.of("nps_response", new BigDecimal("7"), AT));
        assertEquals(Optional.empty(), NpsAnswer.of("page_view", new BigDecimal("7"), AT));
        assertEquals(Optional.empty(), NpsAnswer.of("nps_response", new BigDecimal("7.5"), AT));
        assertEquals(Optional.empty(), NpsAnswer.of("nps_response", "7", AT));
        assertEquals(Optional.empty(), NpsAnswer.of("nps_response", null, AT));
    }

    @Test
    void theLaterOfTwoAnswersStandsAndOnATieTheCandidate() {
        NpsAnswer first = new NpsAnswer(3, AT);
        NpsAnswer second = new NpsAnswer(9, AT.plusSeconds(1));
        NpsAnswer sameInstant = new NpsAnswer(5, AT);

        assertEquals(second, NpsAnswer.later(first, second));
        assertEquals(second, NpsAnswer.later(second, first));
        assertEquals(sameInstant, NpsAnswer.later(first, sameInstant));
        assertEquals(first, NpsAnswer.later(first, null));
        assertEquals(first, NpsAnswer.later(null, first));
    }
}
