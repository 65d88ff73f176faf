package io.leadscore.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.support.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where notifications go and the keys that sign them: credentials (Slack's webhook URLs are as secret as the keys),
 * so in AWS they are read from Secrets Manager ({@code NOTIFY_SECRET_ARN}), never from plain environment variables.
 * The secret is JSON: {@code {"notifyConfig": {...}, "signingKeys": [{"id": "2026-12", "secret": "whsec_..."}, ...]}}
 * ({@code "signingKey": "..."} for a single key, id {@code key}). {@code NOTIFY_CONFIG} and {@code WEBHOOK_SECRET},
 * when set, stand in for the secret's fields: the local runtime's and the tests' way to configure notify.
 */
record NotifySettings(String configJson, List<SigningKey> signingKeys, boolean fromSecret) {
    static final String NOTIFY_SECRET_ARN = "NOTIFY_SECRET_ARN";
    static final String NOTIFY_CONFIG = "NOTIFY_CONFIG";
    static final String WEBHOOK_SECRET = "WEBHOOK_SECRET";
    /** Loopback destinations are for the local runtime and tests: in AWS the Lambda runtime API listens there. */
    static final String ALLOW_LOOPBACK = "NOTIFY_ALLOW_LOOPBACK";

    NotifySettings {
        signingKeys = List.copyOf(signingKeys);
    }

    /** The destinations (Slack URLs among them) and keys are credentials: never printed. */
    @Override
    public String toString() {
        return "NotifySettings[keys " + signingKeys.stream().map(SigningKey::id).toList() + ", from "
                + (fromSecret ? "the secret" : "the environment") + "]";
    }

    static NotifySettings load(Environment env) {
        Optional<String> config = env.get(NOTIFY_CONFIG);
        Optional<String> secretArn = env.get(NOTIFY_SECRET_ARN);
        if (config.isPresent() || secretArn.isEmpty()) {
            return new NotifySettings(env.get(NOTIFY_CONFIG).orElseThrow(() -> new NotifyConfigException(NOTIFY_CONFIG,
                    List.of("not set, nor " + NOTIFY_SECRET_ARN + " (the secret that holds it)"))),
                    env.get(WEBHOOK_SECRET).map(secret -> List.of(new SigningKey("env", secret))).orElse(List.of()),
                    false);
        }
        try (var secrets = AwsClients.secretsManager(env)) {
            return fromSecret(secrets.getSecretValue(request -> request.secretId(secretArn.get())).secretString());
        }
    }

    /** Reads the secret's JSON, refusing it with every problem named (never its values). */
    static NotifySettings fromSecret(String secretString) {
        List<String> problems = new ArrayList<>();
        JsonNode secret;
        try {
            secret = Json.mapper().readTree(secretString);
        } catch (IOException e) {
            throw new NotifyConfigException(NOTIFY_SECRET_ARN, List.of("the secret is not JSON"));
        }
        JsonNode config = secret.path("notifyConfig");
        if (!config.isObject() && !config.isTextual()) {
            problems.add("notifyConfig: required, the destinations and their routing (a JSON object)");
        }
        List<SigningKey> keys = new ArrayList<>();
        if (secret.has("signingKey")) {
            keys.add(new SigningKey("key", secret.get("signingKey").asText()));
        }
        secret.path("signingKeys").forEach(key -> keys.add(new SigningKey(key.path("id").asText(),
                key.path("secret").asText())));
        for (int i = 0; i < keys.size(); i++) {
            if (!SigningKey.ID.matcher(keys.get(i).id()).matches()) {
                problems.add("signingKeys[" + i + "].id: 1-32 of A-Z a-z 0-9 _ -");
            }
        }
        if (!problems.isEmpty()) {
            throw new NotifyConfigException(NOTIFY_SECRET_ARN, problems);
        }
        return new NotifySettings(config.isTextual() ? config.asText() : config.toString(), keys, true);
    }
}
