package dev.fedbff.e2e;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the fault-injection scenarios of the test run and the faults they survived, and prints one line with the
 * totals when the run ends, e.g. {@code fault injection: 14 scenarios run, 14 passed, 37 faults survived}.
 *
 * <p>Each test (each invocation of a parameterized one) of a class extended with this is one scenario. A fault is one
 * call a {@link FaultProxy} did something to, or one process a scenario killed ({@link #processKilled()}); a scenario
 * that passed survived every fault injected while it ran.
 */
final class FaultReport implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final AtomicLong KILLED = new AtomicLong();

    /** The run's totals, kept in the root context so that they are printed once, after the last test class. */
    static final class Totals implements AutoCloseable {
        private final AtomicInteger run = new AtomicInteger();
        private final AtomicInteger passed = new AtomicInteger();
        private final AtomicLong survived = new AtomicLong();

        String line() {
            return "fault injection: " + run.get() + " scenarios run, " + passed.get() + " passed, " + survived.get() + " faults survived";
        }

        @Override
        public void close() {
            System.out.println(line());
        }
    }

    /** A scenario killed a process (a backend replica, the registry): one fault, as a proxy's are. */
    static void processKilled() {
        KILLED.incrementAndGet();
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(ExtensionContext.Namespace.create(FaultReport.class)).put("faults", faults());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        long before = context.getStore(ExtensionContext.Namespace.create(FaultReport.class)).get("faults", Long.class);
        Totals totals = context.getRoot().getStore(ExtensionContext.Namespace.create(FaultReport.class))
                .computeIfAbsent(Totals.class, key -> new Totals(), Totals.class);
        totals.run.incrementAndGet();
        if (context.getExecutionException().isEmpty()) {
            totals.passed.incrementAndGet();
            totals.survived.addAndGet(faults() - before);
        }
    }

    private static long faults() {
        return FaultProxy.totalInjected() + KILLED.get();
    }
}
