package io.leadscore.aws.lambda;

import io.leadscore.support.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs, one JSON object a line, as CloudWatch Logs Insights reads them. Callers pass ids, never
 * personal data: lead ids are opaque and emails are masked before they get here.
 */
public final class Log {
    private Log() {
    }

    public static void info(String message, Object... keyValues) {
        write("INFO", message, keyValues);
    }

    public static void warn(String message, Object... keyValues) {
        write("WARN", message, keyValues);
    }

    public static void error(String message, Throwable error, Object... keyValues) {
        Object[] withError = java.util.Arrays.copyOf(keyValues, keyValues.length + 2);
        withError[keyValues.length] = "error";
        withError[keyValues.length + 1] = String.valueOf(error);
        write("ERROR", message, withError);
    }

    private static void write(String level, String message, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        System.out.println(Json.write(line));
    }
}
