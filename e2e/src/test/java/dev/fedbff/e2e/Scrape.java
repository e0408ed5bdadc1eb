package dev.fedbff.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One read of a BFF's {@code /actuator/prometheus}, as Prometheus gets it: the text, and its samples by name and labels. */
record Scrape(String text) {

    /** One sample line: {@code name{label="value",...} value}. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Reads {@code /actuator/prometheus} of the BFF on {@code port} with a token that carries the scrape scope. */
    static Scrape of(int port, String token) {
        GraphQLClient.Response response = GraphQLClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build());
        if (response.status() != 200) {
            throw new IllegalStateException("the scrape answered " + response.status() + ": " + response.body());
        }
        return new Scrape(response.body());
    }

    List<Sample> samples() {
        return text.lines().filter(line -> !line.startsWith("#")).map(LINE::matcher).filter(Matcher::find).map(m -> {
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            return new Sample(m.group(1), labels, Double.parseDouble(m.group(3)));
        }).toList();
    }

    /** The samples of this name whose labels include every one given. */
    List<Sample> samples(String name, Map<String, String> labels) {
        return samples().stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The sum of the values of those samples. */
    double sum(String name, Map<String, String> labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** Every metric name in the scrape. */
    Set<String> names() {
        return samples().stream().map(Sample::name).collect(Collectors.toSet());
    }
}
