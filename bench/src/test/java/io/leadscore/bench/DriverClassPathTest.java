package io.leadscore.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The class path ColdStart and HandlerJars give a function's JVM beside its jar holds the driver and nothing of
 * bench's: no SDK execution interceptor (bench registers four, which a function in Lambda never loads).
 */
class DriverClassPathTest {
    @Test
    void holdsTheDriverAloneAndNoInterceptor(@TempDir Path root) throws Exception {
        Path jar = Path.of(ColdStart.driverClassPath(root));
        List<String> files;
        try (JarFile entries = new JarFile(jar.toFile())) {
            files = entries.stream().map(JarEntry::getName).sorted().toList();
        }
        assertEquals(List.of("io/leadscore/bench/FirstInvocation$InvocationStarts.class",
                "io/leadscore/bench/FirstInvocation$Phase.class", "io/leadscore/bench/FirstInvocation.class"), files);
        long written = Files.getLastModifiedTime(jar).toMillis();
        Thread.sleep(20);
        assertEquals(jar.toString(), ColdStart.driverClassPath(root));
        assertEquals(written, Files.getLastModifiedTime(jar).toMillis(), "an unchanged jar is not rewritten");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertEquals(FirstInvocation.class.getName(), loader.loadClass(FirstInvocation.class.getName()).getName());
            assertNull(loader.getResource("software/amazon/awssdk/services/dynamodb/execution.interceptors"));
            assertNull(loader.getResource("software/amazon/awssdk/services/eventbridge/execution.interceptors"));
        }
    }
}
