package dev.fedbff.gateway.plan;

/**
 * What resolving a selection costs, in the order plans are compared: sequential round trips after the fetch the
 * selection starts in, then fetches, then fields moved (the selections and representations sent and answered).
 */
record Cost(int depth, int fetches, int payload) implements Comparable<Cost> {

    static final Cost ZERO = new Cost(0, 0, 0);

    @Override
    public int compareTo(Cost other) {
        if (depth != other.depth) {
            return Integer.compare(depth, other.depth);
        }
        if (fetches != other.fetches) {
            return Integer.compare(fetches, other.fetches);
        }
        return Integer.compare(payload, other.payload);
    }

    boolean lessThan(Cost other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return depth + " sequential, " + fetches + " fetches, payload " + payload;
    }
}
