package io.leadscore.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The class path ColdStart and HandlerJars give a function's JVM beside its jar holds the driver and nothing of
 * bench's: no SDK execution interceptor (bench registers four, which a function in Lambda never loads).
 */
class DriverClassPathTest {
    @Test
    void holdsTheDriverAloneAndNoInterceptor(@TempDir Path root) throws Exception {
        Path directory = Path.of(ColdStart.driverClassPath(root));
        List<String> files;
        try (var walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).map(file -> directory.relativize(file).toString()).sorted()
                    .toList();
        }
        assertEquals(List.of("io/leadscore/bench/FirstInvocation$InvocationStarts.class",
                "io/leadscore/bench/FirstInvocation$Phase.class", "io/leadscore/bench/FirstInvocation.class"), files);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertEquals(FirstInvocation.class.getName(), loader.loadClass(FirstInvocation.class.getName()).getName());
            assertNull(loader.getResource("software/amazon/awssdk/services/dynamodb/execution.interceptors"));
            assertNull(loader.getResource("software/amazon/awssdk/services/eventbridge/execution.interceptors"));
        }
    }
}
