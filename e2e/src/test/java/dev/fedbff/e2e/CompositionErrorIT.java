package dev.fedbff.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A schema file that does not compose stops the BFF at start-up with one line naming file, line and rule. */
class CompositionErrorIT {

    @Test
    void keyNamingAMissingFieldFailsStartUpWithOneLine(@TempDir Path schema) throws IOException, InterruptedException {
        try (Stream<Path> files = Files.list(JavaProcess.ROOT.resolve("schema"))) {
            for (Path file : files.toList()) {
                Files.copy(file, schema.resolve(file.getFileName()));
            }
        }
        Path orders = schema.resolve("orders.graphqls");
        String broken = Files.readString(orders).replace("type Order @key(fields: \"id\")", "type Order @key(fields: \"orderNumber\")");
        Files.writeString(orders, broken);
        int line = 1 + (int) broken.lines().takeWhile(l -> !l.contains("orderNumber")).count();

        JavaProcess bff = JavaProcess.start("web-bff-broken-schema", "web-bff", JavaProcess.freePort(), List.of(
                "--fedbff.schema.location=" + schema, "--fedbff.auth.hs256-secret=" + LocalSystem.newSecret()));
        boolean exited = bff.process().waitFor(120, TimeUnit.SECONDS);
        bff.close();

        assertThat(exited).as("the BFF stops by itself").isTrue();
        assertThat(bff.process().exitValue()).isNotZero();
        String output = bff.output();
        assertThat(output).containsPattern(schema + "/orders.graphqls:" + line + ":\\d+: KEY_INVALID_FIELDS: "
                + "@key\\(fields: \"orderNumber\"\\) on Order names field \"orderNumber\", which Order does not define in this subgraph");
        assertThat(output).doesNotContain("\tat ").doesNotContain("INVALID_FIELD_SHARING");
    }
}
