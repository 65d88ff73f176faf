package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.FunctionDef;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every handler template.yaml names exists, is a Lambda handler, and can be built from the environment (what
 * `sam build` deploys for it: SamBuildTest).
 */
class TemplateHandlersTest {
    private final SamTemplate template = SamTemplate.load(SamTemplate.locate());
    /** Functions that share another's module: the re-publish and the operations API are the redrive's. */
    @Test
    void everyFunctionsHandlerExists() throws Exception {
        List<FunctionDef> functions = template.functions();
        assertEquals(List.of("AdminFunction", "AuditFunction", "DashboardFunction", "DecayFunction",
                        "ImportChunkFunction", "ImportSplitFunction", "IngestFunction", "JobsFunction", "NotifyFunction",
                        "NotifyRetryFunction", "OpsFunction", "PublishFunction", "QueryFunction", "RedriveFunction",
                        "RepublishFunction", "ScoreFunction", "ShadowFunction", "TrainFunction"),
                functions.stream().map(FunctionDef::logicalId).sorted().toList());
        for (FunctionDef function : functions) {
            Class<?> handler = Class.forName(function.handlerClass());
            assertTrue(RequestHandler.class.isAssignableFrom(handler), handler + " is a RequestHandler");
            Method method = Arrays.stream(handler.getMethods())
                    .filter(m -> m.getName().equals(function.handlerMethod()) && m.getParameterCount() == 2)
                    .findFirst().orElseThrow(() -> new AssertionError(function.logicalId() + ": no "
                            + function.handlerMethod()));
            assertTrue(java.lang.reflect.Modifier.isPublic(method.getModifiers()));
            handler.getConstructor(); // Lambda's way in
            handler.getConstructor(Environment.class); // the local runtime's and the tests'
        }
    }
}
