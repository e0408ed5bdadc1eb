package dev.fedbff.gateway.auth;

/**
 * A refused combination of authentication settings, naming the setting as it is spelled under {@code fedbff.auth}
 * (e.g. {@code hs256-secret}) so that configuration can report it without a stack trace.
 */
public final class InvalidAuthSettingException extends IllegalArgumentException {

    private final String setting;
    private final String value;

    InvalidAuthSettingException(String setting, String value, String reason) {
        super(reason);
        this.setting = setting;
        this.value = value;
    }

    /** The setting's name under {@code fedbff.auth}, e.g. {@code algorithms}. */
    public String setting() {
        return setting;
    }

    /** The refused value as it may be printed: never a secret. */
    public String value() {
        return value;
    }
}
