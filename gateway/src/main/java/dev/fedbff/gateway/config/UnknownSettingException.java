package dev.fedbff.gateway.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at start-up when a {@code fedbff.*} setting names nothing the BFF knows; one line per unknown setting. */
final class UnknownSettingException extends RuntimeException {

    /** One unknown setting, where it was set, and the valid setting nearest to it. */
    record Finding(String name, String source, String nearest) {

        @Override
        public String toString() {
            return name + " (" + source + "): did you mean " + nearest + "?";
        }
    }

    private final List<Finding> findings;

    UnknownSettingException(List<Finding> findings) {
        super(findings.stream().map(Finding::toString).collect(Collectors.joining("\n")), null, false, false);
        this.findings = List.copyOf(findings);
    }

    List<Finding> findings() {
        return findings;
    }
}
