package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.leadscore.local.runtime.LocalRuntime;
import io.leadscore.support.Json;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs the tool in-process as a shell would, with its three outputs captured. */
final class Cli {
    record Run(int exit, String out, String err, String progress) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        return run(line -> { }, args);
    }

    /**
     * Runs the tool with {@code onProgress} seeing each progress line as it is printed, on the command's thread:
     * a test can stop the command there, as a user's Ctrl-C or a killed process would.
     */
    static Run run(Consumer<String> onProgress, String... args) {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream lines = new PrintStream(progress, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                onProgress.accept(line);
            }
        };
        CommandLine cli = Leadscore.commandLine(new Leadscore(lines, false, Duration.ofMillis(5)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString(), progress.toString(StandardCharsets.UTF_8));
    }

    /** Runs the tool against a local runtime, with its endpoint and admin key. */
    static Run against(LocalRuntime runtime, String... args) {
        return against(runtime, line -> { }, args);
    }

    static Run against(LocalRuntime runtime, Consumer<String> onProgress, String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint=" + runtime.baseUri(),
                "--admin-key=" + runtime.options().adminKey()));
        all.addAll(List.of(args));
        return run(onProgress, all.toArray(String[]::new));
    }

    /** CSV text (without its byte order mark) as its rows, each a list of fields, read by a CSV parser. */
    static List<List<String>> csvRows(String csv) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(new StringReader(csv))) {
            return rows.readAll();
        }
    }

    /** A line of JSON output. */
    static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
