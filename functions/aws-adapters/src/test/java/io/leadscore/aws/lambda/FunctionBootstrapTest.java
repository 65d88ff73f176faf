package io.leadscore.aws.lambda;

import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.ModelRevision;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FunctionBootstrapTest {

    @Test
    void seedsTheShippedModelWhenNoneIsNamed() {
        FunctionBootstrap bootstrap = new FunctionBootstrap(new Environment(Map.of(
                "AWS_REGION", "us-east-1", "TABLE_NAME", "leadscore-test", "MODEL_ID", "default", "MODEL_PATH", "")));

        assertEquals("leadscore-test", bootstrap.table());
        assertEquals("default", bootstrap.modelId());
        ModelSeed seed = bootstrap.modelSeed();
        assertEquals(ModelSeed.DEFAULT_SOURCE, seed.source());
        assertEquals(ModelLoader.defaultModel().tag(), ModelRevision.draft(bootstrap.modelId(), 1, seed.yaml(),
                seed.author(), Instant.EPOCH, null, null).model().tag());
    }

    @Test
    void refusesToStartWithoutItsTable() {
        assertEquals("environment variable TABLE_NAME is not set", assertThrows(IllegalStateException.class,
                () -> new FunctionBootstrap(new Environment(Map.of("AWS_REGION", "us-east-1")))).getMessage());
    }
}
