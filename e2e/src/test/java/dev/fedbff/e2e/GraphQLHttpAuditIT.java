package dev.fedbff.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL-over-HTTP server audit of the npm package graphql-http, run by {@code scripts/graphql-http-audit.sh}
 * against both running BFFs: every check passes, with no warning. It needs Node.js and npm (and the npm registry);
 * without them the test says it was skipped and why.
 */
class GraphQLHttpAuditIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();

    @Test
    void bothBffsPassEveryCheckWithoutWarnings() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "skipped: the graphql-http audit needs node and npm, and neither is on the PATH");
        Path output = Files.createDirectories(JavaProcess.LOGS).resolve("graphql-http-audit.txt");
        ProcessBuilder audit = new ProcessBuilder("bash", JavaProcess.ROOT.resolve("scripts/graphql-http-audit.sh").toString(),
                SYSTEM.graphql("web-bff").toString(), SYSTEM.graphql("mobile-bff").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        audit.environment().put("FEDBFF_TOKEN", SYSTEM.token("graphql-http-audit"));
        Process process = audit.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the audit did not finish in 10 minutes:\n" + Files.readString(output));
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        Assumptions.assumeFalse(process.exitValue() == 3, () -> "skipped: graphql-http could not be installed from the npm registry:\n" + report);
        System.out.println("graphql-http audit:\n" + report);

        assertThat(process.exitValue()).as(report).isZero();
        List<String> summaries = report.lines().filter(line -> line.contains(" audits, ")).toList();
        assertThat(summaries).hasSize(2).allSatisfy(line -> assertThat(line).contains(" 0 warnings, 0 errors"));
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return List.of(path.split(java.io.File.pathSeparator)).stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
