package io.leadscore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a JVM's {@code -Xlog:class+load:file=...:none} log says it loaded, counted by the part of the function the
 * classes belong to (the SDK's endpoint rules, its signing, Jackson, java.time, the project's code...), so that a cold
 * start's cost can be put on its causes with a figure a busy machine does not skew.
 */
final class ClassLog {
    /** The JVM option that writes the log {@link #read} reads. */
    static String option(Path log) {
        return "-Xlog:class+load:file=" + log + ":none";
    }

    /** A part and the class names that belong to it; the first that matches a class takes it. */
    record Part(String name, Pattern classes) {
    }

    static final List<Part> PARTS = List.of(
            new Part("leadscore adapters", Pattern.compile("io\\.leadscore\\.aws\\..*")),
            new Part("leadscore domain and handler", Pattern.compile("io\\.leadscore\\..*")),
            new Part("SDK endpoint rules", Pattern.compile("software\\.amazon\\.awssdk\\.(services\\.\\w+\\.endpoints"
                    + "|endpoints|awscore\\.endpoints?|core\\.rules|regions\\.endpoints)\\..*")),
            new Part("SDK service model", Pattern.compile("software\\.amazon\\.awssdk\\.services\\.\\w+\\.model\\..*")),
            new Part("SDK marshalling", Pattern.compile("software\\.amazon\\.awssdk\\.(services\\.\\w+\\.transform"
                    + "|protocols|thirdparty\\.jackson)\\..*")),
            new Part("SDK signing, credentials, checksums", Pattern.compile("software\\.amazon\\.awssdk\\.(http\\.auth"
                    + "|auth|identity|checksums|core\\.checksums|core\\.internal\\.checksums)\\..*")),
            new Part("SDK regions and profiles", Pattern.compile("software\\.amazon\\.awssdk\\.(regions|profiles)\\..*")),
            new Part("SDK HTTP client", Pattern.compile("software\\.amazon\\.awssdk\\.http\\..*")),
            new Part("SDK retries and metrics", Pattern.compile("software\\.amazon\\.awssdk\\.(retries|metrics"
                    + "|core\\.retry|core\\.internal\\.retry|core\\.metrics|core\\.internal\\.metrics)\\..*")),
            new Part("SDK core", Pattern.compile("software\\.amazon\\.awssdk\\..*")),
            new Part("Jackson", Pattern.compile("com\\.fasterxml\\.jackson\\..*")),
            new Part("YAML", Pattern.compile("org\\.yaml\\..*")),
            new Part("Lambda libraries", Pattern.compile("com\\.amazonaws\\..*")),
            new Part("java.time", Pattern.compile("java\\.time\\..*")),
            new Part("JDK lambdas and reflection", Pattern.compile("(java\\.lang\\.invoke|jdk\\.internal\\.reflect"
                    + "|java\\.lang\\.reflect)\\..*|.*\\$\\$Lambda.*")),
            new Part("JDK other", Pattern.compile("(java|javax|jdk|sun|com\\.sun)\\..*")),
            new Part("other", Pattern.compile(".*")));

    private ClassLog() {
    }

    /**
     * Classes the log records, by part ({@link #PARTS}' order): all of them, or with {@code afterMark} only those
     * loaded after {@link FirstInvocation.InvocationStarts}, the invocation's.
     */
    static Map<String, Integer> read(Path log, boolean afterMark) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        PARTS.forEach(part -> counts.put(part.name(), 0));
        boolean counting = !afterMark;
        for (String line : Files.readAllLines(log)) {
            int end = line.indexOf(' ');
            String name = end < 0 ? line : line.substring(0, end);
            if (name.equals(FirstInvocation.InvocationStarts.class.getName())) {
                counting = true;
            } else if (counting && !name.isEmpty()) {
                PARTS.stream().filter(part -> part.classes().matcher(name).matches()).findFirst()
                        .ifPresent(part -> counts.merge(part.name(), 1, Integer::sum));
            }
        }
        return counts;
    }
}
