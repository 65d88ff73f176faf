package io.leadscore.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A class+load log counted by part: the whole of it, and what follows the invocation's mark. */
class ClassLogTest {
    @Test
    void countsClassesByPartBeforeAndAfterTheMark(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("classes.log");
        Files.write(log, List.of(
                "java.lang.Object source: shared objects file",
                "software.amazon.awssdk.services.dynamodb.endpoints.internal.DefaultDynamoDbEndpointProvider source: x",
                "com.fasterxml.jackson.databind.ObjectMapper source: x",
                FirstInvocation.InvocationStarts.class.getName() + " source: file:/driver/",
                "software.amazon.awssdk.services.dynamodb.model.PutItemRequest source: x",
                "io.leadscore.lead.LeadScorer source: x",
                "io.leadscore.aws.dynamodb.LeadStore$$Lambda$42/0x0000000800c0b000 source: io.leadscore.aws.x",
                "java.time.format.DateTimeFormatter source: jrt:/java.base"));
        Map<String, Integer> all = ClassLog.read(log, false);
        Map<String, Integer> invocation = ClassLog.read(log, true);
        assertEquals(7, all.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, all.get("SDK endpoint rules"));
        assertEquals(1, all.get("Jackson"));
        assertEquals(1, all.get("JDK other"));
        assertEquals(4, invocation.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, invocation.get("SDK service model"));
        assertEquals(1, invocation.get("leadscore domain and handler"));
        assertEquals(1, invocation.get("leadscore adapters"));
        assertEquals(1, invocation.get("java.time"));
        assertEquals(0, invocation.get("Jackson"));
    }
}
