package dev.fedbff.gateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns unknown {@code fedbff.*} settings into Spring Boot's short start-up report: each name, where, and the nearest valid one. */
class UnknownSettingFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownSettingException cause) {
        return new FailureAnalysis("Unknown fedbff settings:\n" + cause.getMessage(),
                "Correct or remove the settings named above, then start again. "
                        + "Every fedbff setting is listed in README.md and in the jar's configuration metadata (IDE completion).", cause);
    }
}
