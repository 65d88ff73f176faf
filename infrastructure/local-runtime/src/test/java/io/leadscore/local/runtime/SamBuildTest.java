package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.local.CloudFormationYaml;
import io.leadscore.local.FunctionDef;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What `sam build` builds is what the tests test: every function of template.yaml is built by the Makefile's
 * build-&lt;LogicalId&gt; target (run here, Maven's part excepted: `mvn verify` built the jars before this module),
 * which deploys the shaded jar of the module that holds its handler, in lib/ where Lambda's Java runtime loads it; the
 * runtime runs the bytecode Maven compiles; and every parameter of the template is documented in the README's
 * "Deploy to AWS" section.
 */
class SamBuildTest {
    private static final Path REPOSITORY = SamTemplate.locate().getParent();
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final JsonNode TEMPLATE_JSON = CloudFormationYaml.read(SamTemplate.locate());
    /** The stamp of the one Maven build that the targets depend on. */
    private static final String MAVEN_BUILD = "target/functions.built";
    private static final Set<String> NATIVE_LIBRARIES = Set.of(".so", ".dll", ".dylib", ".jnilib");

    @TempDir
    Path artifacts;

    @Test
    void everyFunctionsBuildTargetDeploysTheJarOfTheModuleThatHoldsItsHandler() throws Exception {
        for (FunctionDef function : TEMPLATE.functions()) {
            String id = function.logicalId();
            JsonNode resource = TEMPLATE_JSON.path("Resources").path(id);
            assertEquals("makefile", resource.path("Metadata").path("BuildMethod").asText(), id);
            assertEquals(".", function.codeUri(), id + ": the Makefile's folder");

            Path out = Files.createDirectories(artifacts.resolve(id));
            make("-o", MAVEN_BUILD, "build-" + id, "ARTIFACTS_DIR=" + out);
            List<Path> deployed;
            try (Stream<Path> files = Files.walk(out)) {
                deployed = files.filter(Files::isRegularFile).toList();
            }
            assertEquals(1, deployed.size(), id + " deploys one jar: " + deployed);
            Path jar = deployed.get(0);
            assertEquals(out.resolve("lib"), jar.getParent(), id + ": Lambda's Java runtime loads the jars in lib/");
            String module = jar.getFileName().toString().replaceAll("\\.jar$", "");
            Path source = REPOSITORY.resolve("functions").resolve(module).resolve("src/main/java")
                    .resolve(function.handlerClass().replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source), id + ": its handler is the module's own, " + source);
            assertEquals(-1, Files.mismatch(jar, REPOSITORY.resolve("functions/" + module + "/target/" + module + ".jar")),
                    id + ": the jar Maven built, as it is");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertNotNull(zip.getEntry(function.handlerClass().replace('.', '/') + ".class"), jar + " holds the handler");
            }
        }
    }

    @Test
    void oneMavenBuildPackagesTheModuleOfEveryFunction() throws Exception {
        String commands = make("-n", "-B", MAVEN_BUILD);
        Matcher maven = Pattern.compile("(?m)^mvn .*\\bpackage\\b.* -pl (\\S+) -am$").matcher(commands);
        assertTrue(maven.find(), commands);
        Set<String> modules = new TreeSet<>();
        for (FunctionDef function : TEMPLATE.functions()) {
            String cp = make("-n", "-o", MAVEN_BUILD, "build-" + function.logicalId(), "ARTIFACTS_DIR=out");
            Matcher jar = Pattern.compile("cp functions/([a-z-]+)/target/\\1\\.jar").matcher(cp);
            assertTrue(jar.find(), cp);
            modules.add("functions/" + jar.group(1));
        }
        assertEquals(modules, new TreeSet<>(Arrays.asList(maven.group(1).split(","))));
    }

    /** Java 17 bytecode runs on java17 and every later runtime; the jars hold no native code for one architecture. */
    @Test
    void theRuntimeRunsTheBytecodeMavenBuildsOnEitherArchitecture() throws Exception {
        String pom = Files.readString(REPOSITORY.resolve("pom.xml"));
        Matcher release = Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>").matcher(pom);
        assertTrue(release.find(), "the parent pom names the compiler's release");
        int bytecode = Integer.parseInt(release.group(1));
        for (FunctionDef function : TEMPLATE.functions()) {
            String id = function.logicalId();
            String runtime = inherited(id, "Runtime").asText();
            Matcher java = Pattern.compile("java(\\d+)").matcher(runtime);
            assertTrue(java.matches(), id + ": a Java runtime, not " + runtime);
            assertTrue(Integer.parseInt(java.group(1)) >= bytecode, id + ": " + runtime + " runs Java " + bytecode);
            List<String> architectures = new ArrayList<>();
            inherited(id, "Architectures").forEach(a -> architectures.add(a.asText()));
            assertTrue(Set.of("x86_64", "arm64").containsAll(architectures) && architectures.size() == 1,
                    id + ": " + architectures);

            String module = function.handlerClass().split("\\.")[2];
            try (ZipFile zip = new ZipFile(REPOSITORY.resolve("functions/" + module + "/target/" + module + ".jar").toFile())) {
                ZipEntry handler = zip.getEntry(function.handlerClass().replace('.', '/') + ".class");
                try (DataInputStream in = new DataInputStream(zip.getInputStream(handler))) {
                    in.readInt(); // the magic number
                    in.readUnsignedShort(); // the minor version
                    assertEquals(bytecode + 44, in.readUnsignedShort(), id + ": class file version of Java " + bytecode);
                }
                assertEquals(List.of(), zip.stream().map(ZipEntry::getName)
                        .filter(name -> NATIVE_LIBRARIES.stream().anyMatch(name::endsWith)).toList(), id);
            }
        }
    }

    @Test
    void everyParameterAndOutputIsDocumentedInTheDeploySection() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        int start = readme.indexOf("\n## Deploy to AWS\n");
        assertTrue(start >= 0, "README has a 'Deploy to AWS' section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> undocumented = new ArrayList<>();
        for (String group : List.of("Parameters", "Outputs")) {
            TEMPLATE_JSON.path(group).fieldNames().forEachRemaining(name -> {
                // A row of the section's table: | `Name` | its meaning |
                if (!Pattern.compile("(?m)^\\| `" + name + "` \\|[^|]*\\w[^|]*\\|").matcher(section).find()) {
                    undocumented.add(group + "." + name);
                }
            });
        }
        assertEquals(List.of(), undocumented, "each with its meaning in a table row of README's Deploy to AWS");
        TEMPLATE_JSON.path("Parameters").fields().forEachRemaining(parameter -> assertTrue(
                parameter.getValue().has("Default"), parameter.getKey() + ": README says none is required"));
        Matcher rows = Pattern.compile("(?m)^\\| `(\\w+)` \\|").matcher(section);
        while (rows.find()) {
            String name = rows.group(1);
            assertTrue(TEMPLATE_JSON.path("Parameters").has(name) || TEMPLATE_JSON.path("Outputs").has(name),
                    "README documents " + name + ", which the template does not have");
        }
    }

    /**
     * README's "Tearing down": `sam delete` leaves the table and the import bucket (uploads are history too, and
     * CloudFormation cannot delete a bucket that holds objects), and only them; nor can the table be deleted by accident.
     */
    @Test
    void samDeleteLeavesTheTableAlone() {
        List<String> kept = new ArrayList<>();
        TEMPLATE_JSON.path("Resources").fields().forEachRemaining(resource -> {
            if (!resource.getValue().path("DeletionPolicy").asText("Delete").equals("Delete")) {
                kept.add(resource.getKey() + ": " + resource.getValue().path("DeletionPolicy").asText());
            }
        });
        assertEquals(List.of("LeadScoreTable: Retain", "ImportBucket: Retain"), kept);
        assertTrue(TEMPLATE_JSON.path("Resources").path("LeadScoreTable").path("Properties")
                .path("DeletionProtectionEnabled").asBoolean());
    }

    /** The function's own property, or the global one. */
    private static JsonNode inherited(String logicalId, String property) {
        JsonNode own = TEMPLATE_JSON.path("Resources").path(logicalId).path("Properties").path(property);
        return own.isMissingNode() ? TEMPLATE_JSON.path("Globals").path("Function").path(property) : own;
    }

    /** Runs make in the repository and returns what it printed; fails on a non-zero exit. */
    private static String make(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("make", "--no-print-directory"));
        command.addAll(List.of(arguments));
        Process make = new ProcessBuilder(command).directory(REPOSITORY.toFile()).redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(make.waitFor(60, TimeUnit.SECONDS), "make " + command);
        assertEquals(0, make.exitValue(), command + ":\n" + output);
        return output;
    }
}
