package dev.fedbff.gateway.plan;

/**
 * How much work planning one operation may do: a number of search steps and a nesting depth. Running out is a
 * planning error ({@code QUERY_PLANNING_FAILED}) for that operation, never a stack overflow or a request that hangs.
 */
final class PlanningBudget {

    /** Steps enough for any operation a client writes by hand over a large graph, by two orders of magnitude. */
    static final int DEFAULT_STEPS = 1_000_000;
    /** Nesting of selections and of the conditions planned for them. */
    static final int DEFAULT_DEPTH = 400;

    private final int maxSteps;
    private final int maxDepth;
    private int steps;
    private int depth;

    PlanningBudget(int maxSteps, int maxDepth) {
        this.maxSteps = maxSteps;
        this.maxDepth = maxDepth;
    }

    void step() {
        if (++steps > maxSteps) {
            throw new PlanningException("QUERY_PLANNING_FAILED", "planning this operation needs more than " + maxSteps
                    + " steps; split it into smaller operations");
        }
    }

    void enter() {
        if (++depth > maxDepth) {
            throw new PlanningException("QUERY_PLANNING_FAILED", "planning this operation nests deeper than " + maxDepth
                    + " levels of selections and the fields they need");
        }
    }

    void leave() {
        depth--;
    }

    int steps() {
        return steps;
    }
}
