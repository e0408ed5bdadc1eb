package dev.fedbff.gateway.connect;

import java.net.URI;

/**
 * One instance of a service, chosen for one call. The load balancer counts the call as outstanding until the lease
 * is released, and learns from the outcome which instances fail: one that fails repeatedly is ejected for a while.
 * Release each lease exactly once; later releases are ignored.
 */
public interface InstanceLease {

    /** How a call through the lease ended, as far as the instance's health goes. */
    enum Outcome {
        /** The instance answered (any status below 500). */
        SUCCEEDED,
        /** The instance did not answer (refused, reset, unreachable) or answered 5xx. */
        FAILED,
        /** The call ended without a verdict on the instance: cancelled, timed out, or failed before it was sent. */
        ABANDONED
    }

    /** The instance's base address. */
    URI address();

    void release(Outcome outcome);

    /** A lease for an address that no balancer tracks: releasing it does nothing. */
    static InstanceLease untracked(URI address) {
        return new InstanceLease() {
            @Override
            public URI address() {
                return address;
            }

            @Override
            public void release(Outcome outcome) {
            }

            @Override
            public String toString() {
                return "InstanceLease[" + address + "]";
            }
        };
    }
}
