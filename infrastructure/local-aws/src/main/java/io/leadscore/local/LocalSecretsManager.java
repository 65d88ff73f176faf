package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS Secrets Manager's GetSecretValue, in its JSON 1.1 protocol, for the template's secrets: what a function reads
 * in AWS it reads here through the same SDK client. A generated secret is made once per process. One stand-in per
 * template, shared by the JVM, started on first use.
 */
public final class LocalSecretsManager {
    static final String TARGET = "secretsmanager.GetSecretValue";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, LocalSecretsManager> SHARED = new ConcurrentHashMap<>();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final URI endpoint;

    private LocalSecretsManager(SamTemplate template) {
        template.secrets().forEach(secret -> values.put(secret.arn(), value(secret)));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start(); // a daemon's life: it lasts as long as the JVM that reads the secrets
            endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Secrets Manager", e);
        }
    }

    /** The stand-in of this template's secrets. */
    public static LocalSecretsManager of(SamTemplate template) {
        return SHARED.computeIfAbsent(template.file().toAbsolutePath(), file -> new LocalSecretsManager(template));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Sets a secret's value, as {@code aws secretsmanager put-secret-value} would. */
    public void put(String arn, String secretString) {
        if (!values.containsKey(arn)) {
            throw new IllegalArgumentException("no secret " + arn + " in the template");
        }
        values.put(arn, secretString);
    }

    private static String value(SecretDef secret) {
        if (secret.jsonTemplate() == null) {
            return secret.secretString();
        }
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(secret.jsonTemplate());
            if (secret.generateKey() != null) {
                SecureRandom random = new SecureRandom();
                StringBuilder generated = new StringBuilder();
                for (int i = 0; i < secret.length(); i++) {
                    generated.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
                }
                json.put(secret.generateKey(), generated.toString());
            }
            return JSON.writeValueAsString(json);
        } catch (IOException | ClassCastException e) {
            throw new TemplateException(secret.logicalId() + ": SecretStringTemplate is not a JSON object: " + e.getMessage());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (!TARGET.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                send(exchange, 400, Map.of("__type", "UnknownOperationException"));
                return;
            }
            String id = request.path("SecretId").asText();
            String arn = values.containsKey(id) ? id : values.keySet().stream()
                    .filter(known -> known.endsWith(":secret:" + id)).findFirst().orElse(null);
            if (arn == null) {
                send(exchange, 400, Map.of("__type", "ResourceNotFoundException",
                        "message", "Secrets Manager can't find the specified secret."));
                return;
            }
            send(exchange, 200, Map.of("ARN", arn, "Name", arn.substring(arn.lastIndexOf(':') + 1),
                    "SecretString", values.get(arn), "VersionId", UUID.nameUUIDFromBytes(values.get(arn).getBytes(
                            StandardCharsets.UTF_8)).toString(), "VersionStages", new String[]{"AWSCURRENT"},
                    "CreatedDate", System.currentTimeMillis() / 1000.0));
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
