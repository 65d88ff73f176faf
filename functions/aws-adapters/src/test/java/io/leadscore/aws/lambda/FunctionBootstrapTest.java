package io.leadscore.aws.lambda;

import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FunctionBootstrapTest {

    @Test
    void runsTheShippedModelWhenNoneIsNamed() {
        FunctionBootstrap bootstrap = new FunctionBootstrap(new Environment(Map.of(
                "AWS_REGION", "us-east-1", "TABLE_NAME", "leadscore-test", "MODEL_PATH", "")));

        assertEquals("leadscore-test", bootstrap.table());
        assertNull(bootstrap.modelPath());
        assertEquals(ModelLoader.defaultModel().tag(), bootstrap.model().tag());
    }

    @Test
    void refusesToStartWithoutItsTable() {
        assertEquals("environment variable TABLE_NAME is not set", assertThrows(IllegalStateException.class,
                () -> new FunctionBootstrap(new Environment(Map.of("AWS_REGION", "us-east-1")))).getMessage());
    }
}
