package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL in a real headless Chromium, against web-bff in its {@code dev} profile: the page loads with every asset from
 * the BFF, a token is pasted into its token field, the profile query runs, and the result GraphiQL renders is the
 * profile from the four backends. A screenshot goes to {@code target/graphiql/graphiql-profile.png}. Without a Chromium
 * (Debian's {@code chromium} package; {@code .ci/run} installs it) the test says it was skipped and why.
 */
class GraphiQLBrowserIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static final Path SCREENSHOT = Path.of("target", "graphiql", "graphiql-profile.png").toAbsolutePath();
    static final String RESULT_TEXT = "(document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? '')";

    static Optional<Path> chromium;
    static JavaProcess webDev;

    @BeforeAll
    static void startWebBffInDevProfile() {
        chromium = Chromium.find();
        if (chromium.isEmpty()) {
            return;
        }
        webDev = SYSTEM.startBff("web-bff-dev", "web-bff", "--spring.profiles.active=dev");
    }

    @AfterAll
    static void stop() {
        if (webDev != null) {
            webDev.close();
        }
    }

    @Test
    void graphiqlRunsTheProfileQueryWithAPastedToken() throws IOException {
        Assumptions.assumeTrue(chromium.isPresent(), () -> "skipped: no Chromium on this machine (looked for $CHROMIUM and "
                + Chromium.NAMES + " on the PATH); install Debian's chromium package, as .ci/run does, to run GraphiQL in a browser");
        String token = SYSTEM.token("42");
        try (Chromium browser = Chromium.launch(chromium.get(), JavaProcess.LOGS.resolve("chromium.log"));
             DevToolsPage page = browser.newPage()) {
            page.navigate("http://127.0.0.1:" + webDev.port() + "/graphiql");
            page.waitUntil("GraphiQL with its run button", "document.querySelector('.graphiql-container .graphiql-execute-button')", Duration.ofSeconds(60));

            page.evaluate("document.getElementById('fedbff-token').focus()");
            page.insertText(token);
            page.waitUntil("the page to take the token", "document.getElementById('fedbff-token-state').textContent.startsWith('token set')",
                    Duration.ofSeconds(10));
            page.waitUntil("the schema, fetched with the token", "document.querySelector('.graphiql-container') && "
                    + "!document.querySelector('.graphiql-spinner')", Duration.ofSeconds(30));
            page.evaluate("document.querySelector('.graphiql-execute-button').click()");
            page.waitUntil("the result", RESULT_TEXT + ".includes('\"me\"')", Duration.ofSeconds(60));

            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, page.screenshot());
            System.out.println("GraphiQL screenshot: " + SCREENSHOT);

            Map<?, ?> result = GraphQLClient.JSON.readValue(page.evaluate(RESULT_TEXT).asString(), Map.class);
            assertThat(result).as("the page reported: %s", page.problems())
                    .isEqualTo(Map.of("data", Map.of("me", ProfileQueryIT.expectedProfile("42", 5))));
            String visible = page.evaluate("document.querySelector('.result-window').innerText").asString();
            assertThat(visible).as("the result as the page shows it").contains("\"name\"", (String) ProfileQueryIT.expectedProfile("42", 5).get("name"));
            assertThat(page.problems()).as("no console error, no exception, no blocked load (but the schema fetch before the token: 401)")
                    .allSatisfy(problem -> assertThat(problem).isEqualTo("log: Failed to load resource: the server responded with a status of 401 (Unauthorized)"));
        }
    }
}
