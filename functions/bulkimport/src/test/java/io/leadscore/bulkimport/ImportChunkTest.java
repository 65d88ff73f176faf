package io.leadscore.bulkimport;

import io.leadscore.aws.dynamodb.ImportProgressStore.ImportId;
import io.leadscore.bulk.ByteRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chunk queue's message: what the splitter sends the loader reads back, and a broken one names its field. */
class ImportChunkTest {

    @Test
    void aMessageReadsBackAsSent() {
        ImportChunk chunk = new ImportChunk(new ImportId("b", "leads/hubspot/x.csv", "\"e\""), 3, 13,
                new ByteRange(100, 250), "Record ID,Email");
        assertEquals(chunk, ImportChunk.parse(chunk.toJson()));
        assertEquals("bytes=100-249", ImportChunk.parse(chunk.toJson()).range().httpRange());
    }

    @Test
    void aBrokenMessageNamesTheField() {
        String noETag = "{\"bucket\":\"b\",\"key\":\"events/x.jsonl\",\"chunk\":0,\"chunks\":1,\"from\":0,\"to\":5}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImportChunk.parse(noETag)).getMessage()
                .contains("eTag: is required"));
        String pastTheEnd = "{\"bucket\":\"b\",\"key\":\"k\",\"eTag\":\"e\",\"chunk\":4,\"chunks\":4,\"from\":0,\"to\":5}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImportChunk.parse(pastTheEnd)).getMessage()
                .contains("chunk: must be from 0 to chunks - 1"));
        assertThrows(IllegalArgumentException.class, () -> ImportChunk.parse("not json"));
    }
}
