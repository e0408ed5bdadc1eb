package dev.fedbff.gateway.connect;

/** How a service's next call picks among its instances ({@code fedbff.load-balancing.strategy}). */
public enum BalancingStrategy {
    /** Each instance in turn. */
    ROUND_ROBIN,
    /** The instance with the fewest calls in flight; ties in turn. */
    LEAST_OUTSTANDING,
    /** In proportion to each instance's {@code weight} metadata (default 1), spread smoothly. */
    WEIGHTED
}
