package io.leadscore.notify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.leadscore.notify.NotifyConfigTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Destinations routed by the lead's market ({@code when: {market: [emea]}}), as LeadQualified names it. */
class MarketRoutingTest {
    private static final NotifyConfig CONFIG = NotifyConfigTest.parse("""
            {"destinations": [
               {"id": "emea-sales", "type": "log", "when": {"market": ["emea"]}},
               {"id": "no-market", "type": "log", "when": {"market": [null]}},
               {"id": "sales", "type": "log"}],
             "default": "sales"}""", Optional.empty());

    @Test
    void anEmeaQualificationGoesToTheEmeaDestinationAndNoOtherDoes() {
        assertEquals(List.of("emea-sales"), ids(CONFIG.destinationsFor(Samples.platformEmea())), "Jonas, in emea");
        assertEquals(List.of("no-market"), ids(CONFIG.destinationsFor(Samples.lead())), "Dana, in no market");
        assertEquals(List.of("sales"), ids(CONFIG.destinationsFor(Samples.read(Samples.PLATFORM_EMEA,
                d -> d.put("market", "apac")))), "another market");
        assertEquals(List.of("sales"), ids(CONFIG.destinationsFor(Samples.read(Samples.ACCOUNT_QUALIFIED, d -> { }))),
                "an account is in no lead's market");
    }

    @Test
    void aMarketIsAModelsId() {
        NotifyConfigException refused = assertThrows(NotifyConfigException.class, () -> NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "a", "type": "log", "when": {"market": ["EMEA"]}},
                   {"id": "b", "type": "log", "when": {"market": []}},
                   {"id": "c", "type": "log", "when": {"market": "emea"}},
                   {"id": "sales", "type": "log"}],
                 "default": "sales"}""", Optional.empty()));

        String ids = ": must be a non-empty array of market ids as the model names them under markets:, e.g."
                + " [\"emea\"] (null for a lead in no market)";
        assertEquals(List.of("destinations[0].when.market" + ids, "destinations[1].when.market" + ids,
                "destinations[2].when.market" + ids), refused.problems());
    }
}
