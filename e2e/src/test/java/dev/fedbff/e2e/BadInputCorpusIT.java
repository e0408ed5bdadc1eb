package dev.fedbff.e2e;

import dev.fedbff.testsupport.RecordingBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus: every file under {@code src/test/resources/bad-input/} holds one category of bad requests
 * (malformed JSON, content types, methods, operation limits, JWT attacks, CRLF in headers, spoofed identity, path
 * traversal, oversized bodies, ...), each with the status and error code it must get; {@link BadInputCase} describes the
 * keys. Every case is sent byte for byte over a socket to the real BFF processes, then the BFF must still report
 * {@code UP}; at the end no BFF has logged an error or a stack trace. The last line on stdout counts the cases.
 */
class BadInputCorpusIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static final String STRICT = "strict";
    /** How long a case that must reach no backend waits for a call the BFF might still send after it has answered. */
    static final long SETTLE_MILLIS = 100;

    static IdentityProvider identity;
    static JavaProcess strict;
    static final Map<String, Integer> LOG_START = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> RUN = new ConcurrentHashMap<>();
    static final AtomicInteger PASSED = new AtomicInteger();
    static final List<String> FAILED = new ArrayList<>();

    /** A web-bff with introspection off, an issuer and an audience to check, and RS256 keys from a JWKS URL. */
    @BeforeAll
    static void startStrictBff() {
        identity = new IdentityProvider(secretOf());
        List<String> arguments = new ArrayList<>(SYSTEM.bffArguments(LocalSystem.schemaFolder()));
        arguments.add("--fedbff.limits.introspection=false");
        arguments.add("--fedbff.auth.issuer=" + IdentityProvider.ISSUER);
        arguments.add("--fedbff.auth.audiences=" + IdentityProvider.AUDIENCE);
        arguments.add("--fedbff.auth.jwks-uri=" + identity.jwksUri());
        strict = JavaProcess.start("web-bff-strict", "web-bff", JavaProcess.freePort(), arguments).awaitHealthy();
        LocalSystem.BFFS.forEach(bff -> LOG_START.put(bff, SYSTEM.bff(bff).output().length()));
        LOG_START.put(STRICT, 0);
    }

    @TestFactory
    Stream<DynamicContainer> corpus() {
        return files().map(file -> {
            Map<String, Object> content = read(file);
            String category = (String) content.get("category");
            Map<String, Object> defaults = BadInputCase.map(content.get("defaults"));
            List<DynamicTest> tests = cases(content).stream()
                    .map(own -> BadInputCase.of(category, defaults, own))
                    .map(badCase -> DynamicTest.dynamicTest(badCase.displayName(), () -> run(badCase)))
                    .toList();
            return DynamicContainer.dynamicContainer(category + " (" + file.getFileName() + ", " + tests.size() + " cases)", tests);
        });
    }

    private static void run(BadInputCase badCase) {
        RUN.computeIfAbsent(badCase.category(), c -> new AtomicInteger()).incrementAndGet();
        try {
            check(badCase);
            PASSED.incrementAndGet();
        } catch (AssertionError | RuntimeException e) {
            synchronized (FAILED) {
                FAILED.add(badCase.category() + ": " + badCase.name());
            }
            throw new AssertionError(badCase.category() + ": " + badCase.displayName() + ": " + e.getMessage(), e);
        }
    }

    private static void check(BadInputCase badCase) {
        int port = port(badCase.bff());
        SYSTEM.clearCalls();

        byte[] request = badCase.request(port, identity);
        credentials(request).ifPresent(credential -> SENT_CREDENTIALS.computeIfAbsent(badCase.bff(), bff -> ConcurrentHashMap.newKeySet()).add(credential));
        RawHttp.Response response = RawHttp.exchange(port, request, badCase.method().equals("HEAD"));

        String health = health(port);
        if (badCase.expectsNoBackendCall()) {
            JavaProcess.sleep(SETTLE_MILLIS);
        }
        new AnswerCheck(badCase, response, calls()).verify();
        assertThat(health).as("%s is still UP after the case", badCase.bff()).contains("\"UP\"");
    }

    @AfterAll
    static void countTheCasesAndReadTheLogs() {
        int run = RUN.values().stream().mapToInt(AtomicInteger::get).sum();
        String perCategory = RUN.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue().get()).collect(Collectors.joining(", "));
        System.out.println("bad-input corpus: " + run + " cases run, " + PASSED.get() + " passed" + (FAILED.isEmpty() ? "" : ", failed: " + FAILED)
                + " (" + perCategory + ")");
        Map<String, String> logs = new LinkedHashMap<>();
        LocalSystem.BFFS.forEach(bff -> logs.put(bff, SYSTEM.bff(bff).output().substring(LOG_START.get(bff))));
        logs.put(STRICT, strict.output());
        strict.close();
        identity.close();
        logs.forEach((bff, log) -> assertThat(log).as("the log of %s while the corpus ran", bff).doesNotContain("\tat ").doesNotContain("ERROR"));
        logs.forEach((bff, log) -> {
            assertThat(log.lines().filter(line -> line.contains("fedbff.access") && line.contains("status=401")))
                    .as("access-log lines of refused tokens on %s", bff).isNotEmpty();
            assertThat(log).as("the log of %s holds no JWT", bff).doesNotContainPattern(JWT);
            SENT_CREDENTIALS.getOrDefault(bff, Set.of()).forEach(credential ->
                    assertThat(log).as("the log of %s holds no Authorization value sent to it", bff).doesNotContain(credential));
        });
    }

    /** A JWT as it travels: base64url of a JSON header ({@code {"} is {@code eyJ}), a dot, more base64url. */
    static final java.util.regex.Pattern JWT = java.util.regex.Pattern.compile("eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}");
    /** The credentials (after the scheme) of the Authorization headers sent to each BFF, long enough to be recognised in a log. */
    static final Map<String, Set<String>> SENT_CREDENTIALS = new ConcurrentHashMap<>();

    private static java.util.Optional<String> credentials(byte[] request) {
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("(?im)^Authorization: *(?:\\S+ +)?(\\S{8,}) *\r?$")
                .matcher(new String(request, StandardCharsets.ISO_8859_1));
        return header.find() ? java.util.Optional.of(header.group(1)) : java.util.Optional.empty();
    }

    private static Map<String, List<RecordingBackend.Call>> calls() {
        Map<String, List<RecordingBackend.Call>> calls = new LinkedHashMap<>();
        LocalSystem.BACKENDS.forEach(backend -> calls.put(backend, SYSTEM.proxy(backend).calls()));
        return calls;
    }

    private static int port(String bff) {
        return bff.equals(STRICT) ? strict.port() : SYSTEM.bff(bff).port();
    }

    private static String health(int port) {
        byte[] request = ("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return RawHttp.exchange(port, request, false).text();
    }

    private static Stream<Path> files() {
        try {
            Path folder = Path.of(BadInputCorpusIT.class.getResource("/bad-input").toURI());
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> content = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (content == null || !(content.get("category") instanceof String) || !(content.get("cases") instanceof List<?>)) {
                throw new IllegalStateException(file + " needs a category and a list of cases");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(Map<String, Object> content) {
        return (List<Map<String, Object>>) content.get("cases");
    }

    private static String secretOf() {
        String argument = SYSTEM.bffArguments("x").stream().filter(a -> a.startsWith("--fedbff.auth.hs256-secret=")).findFirst().orElseThrow();
        return argument.substring(argument.indexOf('=') + 1);
    }
}
