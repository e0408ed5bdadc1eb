package dev.fedbff.gateway.plan;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which progressive {@code @override} labels are enabled for one request, as Apollo Router decides them: a label
 * {@code percent(N)} is enabled for N percent of requests, drawn at random per request and label; any other label is
 * enabled when this BFF's configuration names it ({@code fedbff.override-labels}). A plan is made, and cached, for the
 * labels enabled.
 */
public final class OverrideLabels {

    private static final Pattern PERCENT = Pattern.compile("percent\\((\\d+(?:\\.\\d+)?)\\)");

    /** No named label enabled; percentages drawn with {@code ThreadLocalRandom}. */
    public static final OverrideLabels DEFAULT = enabling(Set.of());

    private final Set<String> enabled;
    private final DoubleSupplier random;

    /**
     * @param enabled the named labels this BFF enables on every request
     * @param random  draws a number in [0, 1) for each {@code percent(N)} label of each request
     */
    public OverrideLabels(Set<String> enabled, DoubleSupplier random) {
        this.enabled = Set.copyOf(enabled);
        this.random = random;
    }

    /** The named labels {@code enabled} on every request, percentages drawn with {@code ThreadLocalRandom}. */
    public static OverrideLabels enabling(Set<String> enabled) {
        return new OverrideLabels(enabled, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The labels of {@code labels} (a supergraph's, see {@code Supergraph.overrideLabels()}) enabled for one request, sorted. */
    public Set<String> forRequest(Set<String> labels) {
        if (labels.isEmpty()) {
            return Set.of();
        }
        Set<String> chosen = new TreeSet<>();
        for (String label : labels) {
            Matcher percent = PERCENT.matcher(label);
            if (percent.matches() ? random.getAsDouble() * 100 < Double.parseDouble(percent.group(1)) : enabled.contains(label)) {
                chosen.add(label);
            }
        }
        return chosen;
    }
}
