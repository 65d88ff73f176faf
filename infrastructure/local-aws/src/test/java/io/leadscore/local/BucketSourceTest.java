package io.leadscore.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The template's S3 event, as local mode reads it: which bucket, and which keys invoke the function. */
class BucketSourceTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());

    @Test
    void theSplitterRunsForJsonLinesUploadedUnderEventsOnly() {
        BucketSource source = TEMPLATE.function("ImportSplitFunction").bucketSources().get(0);
        assertEquals(new BucketSource("ImportBucket", "events/", ".jsonl"), source);
        assertTrue(source.matches("events/2026/history.jsonl"));
        assertFalse(source.matches("events/history.jsonl.result.json"), "the result written beside it");
        assertFalse(source.matches("leads/hubspot/contacts.jsonl"));
        assertEquals(List.of("ImportSplitFunction"), TEMPLATE.functions().stream()
                .filter(function -> !function.bucketSources().isEmpty()).map(FunctionDef::logicalId).toList());
    }
}
