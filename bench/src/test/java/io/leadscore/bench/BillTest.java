package io.leadscore.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The meter's arithmetic against a case computed by hand, at the list prices of aws-prices.json. */
class BillTest {
    private static final String TEMPLATE = """
            Globals:
              Function:
                Architectures: [x86_64]
                MemorySize: 1024
            Resources:
              SmallFunction:
                Type: AWS::Serverless::Function
                Properties:
                  MemorySize: 512
              DefaultFunction:
                Type: AWS::Serverless::Function
                Properties: {}
            """;

    @TempDir
    Path directory;

    private Meter meter() throws IOException {
        return Meter.start(FunctionSizes.of(Files.writeString(directory.resolve("template.yaml"), TEMPLATE)));
    }

    @Test
    void writesAndAnInvocationPricedByHand() throws IOException {
        Meter meter = meter();
        meter.add("SmallFunction", LineItem.DYNAMODB_WRITE, 6); // 3 writes of 1.5 KB: 2 units each
        meter.add("SmallFunction", LineItem.DYNAMODB_WRITE, 4); // a transaction of 2 items under 1 KB
        meter.billInvocation("SmallFunction", 129_000_001); // billed as 130 ms

        Bill bill = Bill.of(meter, 1, PriceList.load(), Bill.Durations.MEASURED);

        // 130 ms at 512 MB is 0.130 s x 0.5 GB = 0.065 GB-s (Lambda counts 512 MB as 0.5 GB).
        assertEquals(0.065, bill.unitsPerEvent(LineItem.LAMBDA_GB_SECONDS), 1e-12);
        assertEquals(10, bill.unitsPerEvent(LineItem.DYNAMODB_WRITE), 1e-12);
        // Per event: 10 x $0.625/M + 1 x $0.20/M + 0.065 x $0.0000166667; per million events, in dollars:
        assertEquals(6.25 + 0.20 + 0.065 * 16.6667, bill.dollarsPerMillion(), 1e-9);
    }

    @Test
    void durationsAreRoundedUpToTheMillisecondAtTheTemplatesMemory() throws IOException {
        Meter meter = meter();
        meter.billInvocation("DefaultFunction", 1_000_001); // 2 ms at the global 1,024 MB
        meter.billInvocation("DefaultFunction", 3_000_000); // 3 ms

        assertEquals(0.005, meter.units("DefaultFunction", LineItem.LAMBDA_GB_SECONDS), 1e-12);
        assertEquals(2, meter.fastestMillis("DefaultFunction"));
        Bill fastest = Bill.of(meter, 2, PriceList.load(), Bill.Durations.FASTEST);
        assertEquals(0.002, fastest.unitsPerEvent(LineItem.LAMBDA_GB_SECONDS), 1e-12, "2 invocations of 2 ms, 2 events");
    }

    @Test
    void anApiRequestIsBilledPer512KilobytesAndAnEventPer64() throws IOException {
        Meter meter = meter();
        meter.invokeApi("SmallFunction", 512 * 1024 + 1, () -> null);

        assertEquals(2, meter.units("SmallFunction", LineItem.API_REQUESTS));
        assertEquals(1, PutEventsMeter.chunks(software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry
                .builder().source("leadscore").detailType("LeadQualified").detail("{}").build()));
        assertEquals(2, PutEventsMeter.chunks(software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry
                .builder().source("leadscore").detailType("LeadQualified").detail("x".repeat(64 * 1024)).build()));
    }

    @Test
    void aBillOfNoEventsIsRefused() throws IOException {
        Meter meter = meter();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Bill.of(meter, 0, PriceList.load(), Bill.Durations.MEASURED));
        assertEquals("events: must be at least 1, was 0", refused.getMessage());
    }
}
