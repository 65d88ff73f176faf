package io.leadscore.bench;

import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;

import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;

/**
 * Cold starts of the functions, each in a new JVM: from the moment the process is started to the end of its
 * first invocation (static initialisation, the handler's constructor, reading the sample event from events/, and
 * handleRequest), with the function's shaded jar and the environment template.yaml gives it, JAVA_TOOL_OPTIONS
 * included, over a DynamoDB Local and an event bus running in this process. Each function also runs "primed":
 * its SnapStart priming hook runs before the invocation, as it does before Lambda takes the snapshot that a
 * cold start then restores, so that its first invocation is what a restored function pays.
 *
 * <p>A bare JVM (an empty main with the same flags) is measured in the same run, so the figures can be read
 * against what the machine needs to start any JVM. Options: {@code --runs N} (5); {@code --classes DIR}: each JVM
 * logs the classes it loads into DIR, and the report counts them by part ({@link ClassLog}), the cold start's whole
 * and the primed invocation's; {@code --cds DIR}: each function first runs once to write an AppCDS archive of the
 * classes it loaded into DIR ({@code -XX:ArchiveClassesAtExit}), which its measured JVMs then map
 * ({@code -XX:SharedArchiveFile}).
 */
public final class ColdStart {
    /** The sample events are dated 2026-11-23; the functions' clock is set just after them. */
    static final String SAMPLE_NOW = "2026-11-23T11:00:00Z";
    /** The write key of the sample API requests, registered before each pass. */
    static final String SAMPLE_WRITE_KEY = "wk_sample_acme_site";
    static final double GOAL_MILLIS = 1000;
    static final double PRIMED_GOAL_MILLIS = 250;
    static final double JAR_LIMIT_MIB = 12;
    static final double JAR_GOAL_MIB = 8;
    static final long CHILD_TIMEOUT_SECONDS = 120;
    /** What the JVM prints when a class, a service provider or a member that the code names is not in the jar. */
    private static final Pattern MISSING = Pattern.compile(
            "NoClassDefFoundError|ClassNotFoundException|ServiceConfigurationError|VerifyError|NoSuchMethodError"
                    + "|NoSuchFieldError|LinkageError");

    /** A function, its logical id in template.yaml and its sample event in events/<name>/. */
    record Function(String name, String logicalId, String sample) {
    }

    /** In the order of the data: each finds what the previous wrote (the query finds the lead just scored). */
    static final List<Function> FUNCTIONS = List.of(
            new Function("ingest", "IngestFunction", "post-batch.json"),
            new Function("score", "ScoreFunction", "new-activities.json"),
            new Function("query", "QueryFunction", "get-lead.json"),
            new Function("publish", "PublishFunction", "outbox-records.json"),
            new Function("notify", "NotifyFunction", "lead-qualified.json"),
            new Function("decay", "DecayFunction", "scheduled-sweep.json"));

    enum Mode { COLD, PRIMED }

    /**
     * One run, in milliseconds: from process start to the end of the first invocation, and its parts measured
     * inside the JVM (zero for the bare JVM).
     */
    record Sample(double total, double init, double prime, double read, double invoke, double classes,
                  Map<String, String> fields) {
        /** A figure the JVM measured of its main thread, e.g. invokeCpu, invokeKiB, invokeClasses (0 if none). */
        double figure(String name) {
            return number(fields, name);
        }
    }

    private final SamTemplate template;
    private final Path root;
    private final LocalDynamoDb dynamoDb;
    private final LocalEventBus eventBus;
    private final String java = java();
    /** Where each JVM logs the classes it loads, or null. */
    private final Path classLogs;
    /** Where each function's AppCDS archive is, or null. */
    private final Path archives;

    ColdStart(SamTemplate template, LocalDynamoDb dynamoDb, LocalEventBus eventBus, Path classLogs, Path archives) {
        this.template = template;
        this.classLogs = classLogs;
        this.archives = archives;
        this.root = template.file().toAbsolutePath().getParent();
        this.dynamoDb = dynamoDb;
        this.eventBus = eventBus;
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path classLogs = null;
        Path archives = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--classes" -> classLogs = Files.createDirectories(Path.of(args[i + 1]));
                case "--cds" -> archives = Files.createDirectories(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.builder(template).start();
             LocalEventBus eventBus = LocalEventBus.start(template)) {
            System.out.println(new ColdStart(template, dynamoDb, eventBus, classLogs, archives).measure(runs));
        }
        // The event bus's HTTP server can leave its dispatcher thread running after stop(0) (seen here: the JVM
        // waited minutes after its table was printed), and the suite waits for this JVM to end.
        System.exit(0);
    }

    String measure(int runs) throws IOException, InterruptedException {
        for (Function function : FUNCTIONS) {
            if (!Files.isRegularFile(jar(function))) {
                throw new IllegalStateException(jar(function) + " is missing: run mvn package first");
            }
        }
        if (archives != null) {
            freshData();
            for (Function function : FUNCTIONS) {
                launch(function, Mode.COLD, "-XX:ArchiveClassesAtExit=" + archive(function));
            }
        }
        List<Sample> bare = new ArrayList<>();
        Map<Function, Map<Mode, List<Sample>>> samples = new LinkedHashMap<>();
        FUNCTIONS.forEach(function -> samples.put(function, Map.of(Mode.COLD, new ArrayList<>(),
                Mode.PRIMED, new ArrayList<>())));
        // Runs interleave the functions and modes, so that a machine growing busier or quieter biases none.
        for (int run = 1; run <= runs; run++) {
            System.err.printf("run %d of %d%n", run, runs);
            bare.add(launch(List.of("-cp", classPath(BareJvm.class), BareJvm.class.getName()),
                    Map.of("JAVA_TOOL_OPTIONS", javaToolOptions())));
            for (Mode mode : Mode.values()) {
                freshData();
                for (Function function : FUNCTIONS) {
                    samples.get(function).get(mode).add(launch(function, mode));
                }
            }
        }
        return report(runs, bare, samples);
    }

    private Sample launch(Function function, Mode mode) throws IOException, InterruptedException {
        return archives == null ? launch(function, mode, null)
                : launch(function, mode, "-XX:SharedArchiveFile=" + archive(function));
    }

    private Path archive(Function function) {
        return archives.resolve(function.name() + ".jsa");
    }

    /** A function's JVM, with one more JVM option if {@code option} is not null. */
    private Sample launch(Function function, Mode mode, String option) throws IOException, InterruptedException {
        // Nothing but the function's jar and the driver: the handler reads its event with what its jar holds.
        String classPath = String.join(File.pathSeparator, jar(function).toString(), driverClassPath(root));
        Path event = root.resolve("events").resolve(function.name()).resolve(function.sample());
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(template, dynamoDb, eventBus,
                function.logicalId()));
        env.put("CLOCK_START", SAMPLE_NOW);
        List<String> arguments = new ArrayList<>();
        if (classLogs != null) {
            arguments.add(ClassLog.option(classLog(function, mode)));
        }
        if (option != null) {
            arguments.add(option);
        }
        arguments.addAll(List.of("-cp", classPath, FirstInvocation.class.getName(),
                template.function(function.logicalId()).handlerClass(), event.toString(),
                mode.name().toLowerCase()));
        return launch(arguments, env);
    }

    /** The last run's class+load log of a function in a mode. */
    private Path classLog(Function function, Mode mode) {
        return classLogs.resolve(function.name() + "-" + mode.name().toLowerCase() + ".log");
    }

    /** What a function's JVM printed: its result fields and its answer; started is the wall-clock ms of its start. */
    record Child(Map<String, String> result, String answer, long started) {
    }

    /** Starts a JVM with exactly {@code env} as its environment, as Lambda does, and reads its result line. */
    private Sample launch(List<String> arguments, Map<String, String> env) throws IOException, InterruptedException {
        Child child = run(java, arguments, env);
        Map<String, String> result = child.result();
        return new Sample(Long.parseLong(result.get("end")) - child.started(), number(result, "init"),
                number(result, "prime"), number(result, "read"), number(result, "invoke"), number(result, "classes"),
                result);
    }

    /**
     * Runs a JVM to its end; fails on a non-zero exit, a missing result, or a class, service or method the jar
     * lacks even where the code caught the error (a minimized jar's keep rules are wrong then).
     */
    static Child run(String java, List<String> arguments, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        // Wall-clock time on both sides: the JVM's own start time would leave out exec and the VM's bootstrap.
        long started = System.currentTimeMillis();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("no result within " + CHILD_TIMEOUT_SECONDS + " s: " + command);
        }
        Map<String, String> result = output.lines().filter(line -> line.startsWith(FirstInvocation.RESULT + " "))
                .findFirst().map(ColdStart::fields).orElse(null);
        if (process.exitValue() != 0 || result == null || MISSING.matcher(output).find()) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + command + "\n" + output);
        }
        String answer = output.lines().filter(line -> line.startsWith(FirstInvocation.ANSWER + " ")).findFirst()
                .map(line -> line.substring(FirstInvocation.ANSWER.length() + 1)).orElse("");
        return new Child(result, answer, started);
    }

    /** This JVM's {@code java} launcher: every child JVM of the benchmarks runs the same JDK. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.split(" ")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return fields;
    }

    private static double number(Map<String, String> fields, String name) {
        return Double.parseDouble(fields.getOrDefault(name, "0"));
    }

    /** Empty tables and the sample site's write key, so that every pass starts from the same data. */
    void freshData() {
        dynamoDb.freshTables();
        new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .register("acme-site", SAMPLE_WRITE_KEY);
    }

    private String javaToolOptions() {
        return template.function(FUNCTIONS.get(0).logicalId()).environment(template.resolver(dynamoDb::tableName))
                .getOrDefault("JAVA_TOOL_OPTIONS", "");
    }

    /**
     * What the main thread did in each phase (medians): CPU time, bytes allocated, classes loaded; a busy machine
     * skews the CPU time far less than the wall clock, and the other two not at all.
     */
    private static String phases(Map<Function, Map<Mode, List<Sample>>> samples) {
        StringBuilder out = new StringBuilder("\n| function | init: CPU ms, KiB, classes | first invocation, cold: CPU ms,"
                + " KiB, classes | priming: CPU ms, classes | first invocation, primed: CPU ms, KiB, classes |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (Function function : FUNCTIONS) {
            List<Sample> cold = samples.get(function).get(Mode.COLD);
            List<Sample> primed = samples.get(function).get(Mode.PRIMED);
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f, %.0f | %s |%n", function.name(),
                    phase(cold, "init"), phase(cold, "invoke"), Stats.median(primed, sample -> sample.figure("primeCpu")),
                    Stats.median(primed, sample -> sample.figure("primeClasses")), phase(primed, "invoke")));
        }
        return out.toString();
    }

    private static String phase(List<Sample> samples, String name) {
        return String.format(Locale.ROOT, "%.0f, %,.0f, %.0f", Stats.median(samples, s -> s.figure(name + "Cpu")),
                Stats.median(samples, s -> s.figure(name + "KiB")),
                Stats.median(samples, s -> s.figure(name + "Classes")));
    }

    /** The last run's classes by part: all a cold start loaded, and those a primed invocation still loaded. */
    private String classParts() throws IOException {
        StringBuilder head = new StringBuilder("\n| classes loaded (last run) |");
        StringBuilder rule = new StringBuilder("|---|");
        Map<String, StringBuilder> rows = new LinkedHashMap<>();
        ClassLog.PARTS.forEach(part -> rows.put(part.name(), new StringBuilder("| " + part.name() + " |")));
        StringBuilder total = new StringBuilder("| **all** |");
        for (Function function : FUNCTIONS) {
            head.append(' ').append(function.name()).append(" cold | primed invocation |");
            rule.append("---:|---:|");
            Map<String, Integer> cold = ClassLog.read(classLog(function, Mode.COLD), false);
            Map<String, Integer> primed = ClassLog.read(classLog(function, Mode.PRIMED), true);
            rows.forEach((part, row) -> row.append(' ').append(cold.get(part)).append(" | ")
                    .append(primed.get(part)).append(" |"));
            total.append(' ').append(sum(cold)).append(" | ").append(sum(primed)).append(" |");
        }
        StringBuilder out = new StringBuilder().append(head).append('\n').append(rule).append('\n');
        rows.values().forEach(row -> out.append(row).append('\n'));
        return out.append(total).append('\n').toString();
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Every function module's shaded jar against the goals (MiB): each under 12, the goal 8. */
    String jarSizes() throws IOException {
        StringBuilder out = new StringBuilder("\n| function jar | MiB | < 12 MiB | < 8 MiB |\n|---|---:|:---:|:---:|\n");
        for (Path jar : functionJars()) {
            double mib = Files.size(jar) / (1024.0 * 1024.0);
            out.append(String.format("| %s | %.1f | %s | %s |%n", jar.getFileName(), mib,
                    mib < JAR_LIMIT_MIB ? "yes" : "no", mib < JAR_GOAL_MIB ? "yes" : "no"));
        }
        return out.toString();
    }

    private List<Path> functionJars() throws IOException {
        try (var modules = Files.list(root.resolve("functions"))) {
            return modules.map(module -> module.resolve("target").resolve(module.getFileName() + ".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Path jar(Function function) {
        return root.resolve("functions").resolve(function.name()).resolve("target").resolve(function.name() + ".jar");
    }

    /**
     * A jar of {@link FirstInvocation}'s classes alone, under bench/target: bench's own class path would give a
     * function's SDK the benchmarks' execution interceptors (the SDK finds them by resource name, as
     * {@code software/amazon/awssdk/services/dynamodb/execution.interceptors}), which load and do what the function
     * never does in Lambda. A jar, not a directory: an AppCDS archive takes no non-empty directory on the class path,
     * and one rewritten only when its classes change (an archive refuses a jar newer than itself).
     */
    static String driverClassPath(Path root) throws IOException {
        Path jar = root.resolve("bench").resolve("target").resolve("first-invocation.jar");
        Files.createDirectories(jar.getParent());
        List<Class<?>> classes = new ArrayList<>(List.of(FirstInvocation.class.getDeclaredClasses()));
        classes.add(FirstInvocation.class);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(written)) {
            for (Class<?> type : classes) {
                String file = type.getName().replace('.', '/') + ".class";
                JarEntry entry = new JarEntry(file);
                entry.setTime(0);
                out.putNextEntry(entry);
                try (InputStream bytes = type.getResourceAsStream("/" + file)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
            }
        }
        if (!Files.exists(jar) || !Arrays.equals(Files.readAllBytes(jar), written.toByteArray())) {
            Files.write(jar, written.toByteArray());
        }
        return jar.toString();
    }

    static String classPath(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issue 17's part 4 goals, each met only if the slowest (or largest) function meets it, which is named. */
    private List<Goal> goals(double bareMedian, Map<Function, Map<Mode, List<Sample>>> samples) throws IOException {
        Function slowest = null;
        Function slowestPrimed = null;
        for (Function function : FUNCTIONS) {
            if (slowest == null || coldMedian(samples, function) > coldMedian(samples, slowest)) {
                slowest = function;
            }
            if (slowestPrimed == null || primedMedian(samples, function) > primedMedian(samples, slowestPrimed)) {
                slowestPrimed = function;
            }
        }
        double cold = coldMedian(samples, slowest);
        double primed = primedMedian(samples, slowestPrimed);
        Path largest = null;
        for (Path jar : functionJars()) {
            if (largest == null || Files.size(jar) > Files.size(largest)) {
                largest = jar;
            }
        }
        double mib = Files.size(largest) / (1024.0 * 1024.0);
        return List.of(
                new Goal("cold-start", "Cold start, new JVM to end of first invocation, slowest function (median)",
                        "< 1.0 s", String.format(Locale.ROOT, "%.0f ms (%s; bare JVM %.0f ms)", cold, slowest.name(),
                        bareMedian), cold < GOAL_MILLIS),
                new Goal("primed-start", "Primed (SnapStart) first invocation, slowest function (median)", "< 250 ms",
                        String.format(Locale.ROOT, "%.0f ms (%s)", primed, slowestPrimed.name()),
                        primed < PRIMED_GOAL_MILLIS),
                new Goal("jar-size", "Shaded jar size, largest of every function's", "< 12 MiB (goal 8 MiB)",
                        String.format(Locale.ROOT, "%.1f MiB (%s)", mib, largest.getFileName()), mib < JAR_LIMIT_MIB));
    }

    private static double coldMedian(Map<Function, Map<Mode, List<Sample>>> samples, Function function) {
        return Stats.median(samples.get(function).get(Mode.COLD), Sample::total);
    }

    private static double primedMedian(Map<Function, Map<Mode, List<Sample>>> samples, Function function) {
        return Stats.median(samples.get(function).get(Mode.PRIMED), Sample::invoke);
    }

    private String report(int runs, List<Sample> bare, Map<Function, Map<Mode, List<Sample>>> samples)
            throws IOException {
        double bareMedian = Stats.median(bare, Sample::total);
        StringBuilder out = new StringBuilder();
        out.append(String.format("Cold starts, %d runs each, %d cores, Java %s, JAVA_TOOL_OPTIONS=%s%n",
                runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                javaToolOptions()));
        out.append(String.format("Bare JVM (empty main, same flags): median %.0f ms (min %.0f, max %.0f)%n%n",
                bareMedian, Stats.min(bare, Sample::total), Stats.max(bare, Sample::total)));
        out.append("| function | jar MB | cold start ms, median (min-max) | x bare JVM | < 1.0 s | init ms"
                + " | first invocation ms, cold (reading the event) | priming ms"
                + " | first invocation ms, primed (reading the event) | classes loaded, cold |\n");
        out.append("|---|---:|---:|---:|:---:|---:|---:|---:|---:|---:|\n");
        for (Function function : FUNCTIONS) {
            List<Sample> cold = samples.get(function).get(Mode.COLD);
            List<Sample> primed = samples.get(function).get(Mode.PRIMED);
            double median = Stats.median(cold, Sample::total);
            out.append(String.format(
                    "| %s | %.1f | %.0f (%.0f-%.0f) | %.1f | %s | %.0f | %.0f (%.0f) | %.0f | %.0f (%.0f) | %.0f |%n",
                    function.name(), Files.size(jar(function)) / (1024.0 * 1024.0), median,
                    Stats.min(cold, Sample::total), Stats.max(cold, Sample::total), median / bareMedian,
                    median < GOAL_MILLIS ? "yes" : "no", Stats.median(cold, Sample::init),
                    Stats.median(cold, Sample::invoke), Stats.median(cold, Sample::read),
                    Stats.median(primed, Sample::prime), Stats.median(primed, Sample::invoke),
                    Stats.median(primed, Sample::read), Stats.median(cold, Sample::classes)));
        }
        out.append(phases(samples));
        if (classLogs != null) {
            out.append(classParts());
        }
        out.append(jarSizes());
        goals(bareMedian, samples).forEach(goal -> out.append(goal.line()).append('\n'));
        out.append("""

                cold start: process start to the end of the first invocation (static init, constructor, reading \
                the event, handleRequest).
                init: static init and constructor. first invocation: handleRequest's stream entry point on the \
                event's bytes (the handler parses the event and writes its answer, as in Lambda); in brackets, \
                reading the sample file's bytes.
                primed: after the SnapStart priming hook, which Lambda runs before the snapshot (deployment time); \
                the snapshot's restore itself is not measured here.
                classes loaded: by the end of the cold first invocation; a busy machine does not skew it.
                """);
        return out.toString();
    }
}
