package io.leadscore.aws.lambda;

import io.leadscore.support.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Structured logs, one JSON object a line, as CloudWatch Logs Insights reads them. Callers pass ids, not
 * personal data; and since a site may well use an email address as its lead id, every email address in a
 * line is masked on the way out ({@code dana@acme.example} becomes {@code d***@acme.example}).
 */
public final class Log {
    static final int MAX_VALUE = 200;
    private static final Pattern EMAIL =
            Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*(@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+)");

    private Log() {
    }

    /** The text with every email address masked: enough to tell two leads apart, not to write to them. */
    public static String maskEmails(String text) {
        return EMAIL.matcher(text).replaceAll("$1***$2");
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
            Object value = keyValues[i + 1];
            // Values can come from hostile requests: a 256 KB lead id must not become a 256 KB log line.
            line.put(String.valueOf(keyValues[i]), value instanceof String text && text.length() > MAX_VALUE
                    ? text.substring(0, MAX_VALUE) + "... (" + text.length() + " characters)" : value);
        }
        System.out.println(maskEmails(Json.write(line)));
    }
}
