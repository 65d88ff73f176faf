package io.leadscore.local;

/**
 * An {@code AWS::SecretsManager::Secret} of the template: its value as written ({@code SecretString}), or as
 * {@code GenerateSecretString} makes it: the JSON of {@code SecretStringTemplate} with a random string of
 * {@code PasswordLength} characters under {@code GenerateStringKey}.
 */
public record SecretDef(String logicalId, String secretString, String jsonTemplate, String generateKey, int length) {

    public static final String RESOURCE_TYPE = "AWS::SecretsManager::Secret";

    /** The secret's ARN, as {@code !Ref} gives it. */
    public String arn() {
        return "arn:aws:secretsmanager:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":secret:" + logicalId;
    }

    static SecretDef parse(String logicalId, TemplateNode properties) {
        TemplateNode generate = properties.get("GenerateSecretString");
        if (generate.isMissing()) {
            return new SecretDef(logicalId, properties.get("SecretString").text(""), null, null, 0);
        }
        return new SecretDef(logicalId, null, generate.get("SecretStringTemplate").text("{}"),
                generate.get("GenerateStringKey").text(null), generate.get("PasswordLength").integer(32));
    }
}
