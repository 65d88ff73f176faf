package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.FunctionDef;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every handler template.yaml names exists, is a Lambda handler, and can be built from the environment; and what
 * `sam deploy` uploads for it is the jar its module builds, with the handler in it.
 */
class TemplateHandlersTest {
    private final SamTemplate template = SamTemplate.load(SamTemplate.locate());
    /** Functions that share another's module: the re-publish and the operations API are the redrive's. */
    @Test
    void everyFunctionsHandlerExists() throws Exception {
        List<FunctionDef> functions = template.functions();
        assertEquals(List.of("AdminFunction", "AuditFunction", "DecayFunction", "IngestFunction", "JobsFunction",
                        "NotifyFunction", "NotifyRetryFunction", "OpsFunction", "PublishFunction", "QueryFunction", "RedriveFunction",
                        "RepublishFunction", "ScoreFunction"),
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

    /** One `mvn package` builds every function: CodeUri names its shaded jar, which `sam deploy` uploads as it is. */
    @Test
    void everyFunctionDeploysTheShadedJarOfItsModule() throws IOException {
        Path repository = template.file().getParent();
        for (FunctionDef function : template.functions()) {
            // The module whose package holds the handler: NotifyRetryFunction is the notify module's second handler.
            String module = function.handlerClass().split("\\.")[2];
            assertEquals("functions/" + module + "/target/" + module + ".jar", function.codeUri(), function.logicalId());
            Path jar = repository.resolve(function.codeUri());
            assertTrue(Files.isRegularFile(jar), jar + " is missing: `mvn package` builds it (and `mvn verify` before this test)");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertNotNull(zip.getEntry(function.handlerClass().replace('.', '/') + ".class"),
                        jar + " holds " + function.handlerClass());
            }
        }
    }
}
