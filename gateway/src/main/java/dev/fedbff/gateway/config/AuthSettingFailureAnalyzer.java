package dev.fedbff.gateway.config;

import dev.fedbff.gateway.auth.InvalidAuthSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused {@code fedbff.auth} setting into Spring Boot's short start-up report: the setting, why, and what
 * to do; no stack trace, and never the value of a secret (Boot's own report for invalid properties would print it).
 */
class AuthSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAuthSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidAuthSettingException cause) {
        return new FailureAnalysis("Invalid value " + cause.value() + " for " + cause.setting() + ": " + cause.getMessage(),
                "Fix " + cause.setting() + " in the BFF's application.yml or its environment variable "
                        + "(FEDBFF_AUTH_HS256_SECRET, FEDBFF_AUTH_JWKS_URI, ...), then start again.", cause);
    }
}
