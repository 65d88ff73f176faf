package io.leadscore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prices file parses, and every price in it says when it was read and where. */
class PriceListTest {

    @Test
    void everyPriceHasItsDateAndSource() {
        PriceList prices = PriceList.load();

        assertEquals("us-east-1", prices.region());
        for (PriceList.Price price : prices.prices().values()) {
            assertFalse(price.read().isAfter(LocalDate.of(2026, 12, 1)), price.id() + " read in the future");
            assertEquals("https", price.source().getScheme(), price.id());
            assertTrue(price.source().getHost().endsWith("aws.amazon.com"), price.id() + ": AWS's own page");
        }
    }

    @Test
    void everyLineItemHasItsPriceAtTheOnDemandListPrice() {
        PriceList prices = PriceList.load();

        assertEquals(0.625e-6, prices.price(LineItem.DYNAMODB_WRITE.priceId("x86_64")).perUnit(), 1e-15);
        assertEquals(0.125e-6, prices.price(LineItem.DYNAMODB_READ.priceId("x86_64")).perUnit(), 1e-15);
        assertEquals(0.0000166667, prices.price(LineItem.LAMBDA_GB_SECONDS.priceId("x86_64")).perUnit(), 1e-15);
        assertEquals(0.0000133334, prices.price(LineItem.LAMBDA_GB_SECONDS.priceId("arm64")).perUnit(), 1e-15);
        for (LineItem item : LineItem.values()) {
            prices.price(item.priceId("x86_64"));
        }
    }

    @Test
    void aPriceWithoutItsDateIsRefusedByName() throws Exception {
        String json = """
                {"region": "us-east-1", "prices": [{"id": "lambda.request", "usd": 0.2, "per": 1000000,
                 "unit": "request", "source": "https://aws.amazon.com/lambda/pricing/"}]}""";

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PriceList.parse(new ObjectMapper().readTree(json)));
        assertEquals("prices[0] (lambda.request).read: is missing", refused.getMessage());
    }

    @Test
    void aSourceThatIsNoUrlIsRefused() throws Exception {
        String json = """
                {"region": "us-east-1", "prices": [{"id": "lambda.request", "usd": 0.2, "per": 1000000,
                 "unit": "request", "read": "2026-12-01", "source": "the pricing page"}]}""";

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PriceList.parse(new ObjectMapper().readTree(json)));
        assertEquals("prices[0] (lambda.request).source: is not an https URL", refused.getMessage());
    }
}
