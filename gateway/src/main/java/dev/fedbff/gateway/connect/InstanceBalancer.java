package dev.fedbff.gateway.connect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The instances of one service and what the balancer knows about each: calls in flight, consecutive failures,
 * ejection. Picks the next instance by the service's strategy among those not ejected; when every instance is
 * ejected it picks among all of them rather than fail a call that might succeed. All state is guarded by this.
 */
final class InstanceBalancer {

    static final String WEIGHT = "weight";
    private static final Logger log = LoggerFactory.getLogger(InstanceBalancer.class);

    private final String service;
    private final LoadBalancing settings;
    private final Clock clock;
    private final Map<String, Member> byKey = new HashMap<>();
    private List<Member> members = List.of();
    private long refreshedAt = Long.MIN_VALUE;
    private long turn;

    InstanceBalancer(String service, LoadBalancing settings, Clock clock) {
        this.service = service;
        this.settings = settings;
        this.clock = clock;
        ejections("ejected", 0);
        ejections("returned", 0);
    }

    /** The instances out of rotation now, by their keys (addresses). */
    synchronized List<String> ejected() {
        long now = clock.millis();
        return members.stream().filter(member -> member.ejectedUntil > now).map(member -> member.key).toList();
    }

    synchronized boolean stale(long refreshMillis) {
        return refreshedAt == Long.MIN_VALUE || clock.millis() - refreshedAt >= refreshMillis;
    }

    /** Takes the instances discovery lists now; instances seen before keep their counts and ejection. */
    synchronized void refresh(List<ServiceInstance> instances) {
        List<Member> next = new ArrayList<>(instances.size());
        Map<String, Member> seen = new HashMap<>();
        for (ServiceInstance instance : instances) {
            URI address = instance.getUri();
            String key = address.toString();
            if (seen.containsKey(key)) {
                continue;
            }
            Member member = byKey.computeIfAbsent(key, k -> new Member(address));
            member.weight = weight(instance);
            seen.put(key, member);
            next.add(member);
        }
        next.sort(Comparator.comparing(member -> member.key));
        byKey.keySet().retainAll(seen.keySet());
        members = List.copyOf(next);
        refreshedAt = clock.millis();
    }

    synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    /** The next instance's address, for a call whose outcome is not reported. */
    synchronized URI pick() {
        return choose(candidates(clock.millis())).address;
    }

    /** The next instance, counted as outstanding until the lease is released. */
    synchronized InstanceLease lease() {
        long now = clock.millis();
        Member member = choose(candidates(now));
        boolean probe = member.onProbation(now) && !member.probing;
        member.outstanding++;
        if (probe) {
            member.probing = true;
        }
        return new Lease(member, probe);
    }

    private List<Member> candidates(long now) {
        List<Member> available = new ArrayList<>(members.size());
        for (Member member : members) {
            if (member.available(now)) {
                available.add(member);
            }
        }
        return available.isEmpty() ? members : available;
    }

    private Member choose(List<Member> candidates) {
        return switch (settings.strategy()) {
            case ROUND_ROBIN -> candidates.get(next(candidates.size()));
            case LEAST_OUTSTANDING -> leastOutstanding(candidates);
            case WEIGHTED -> weighted(candidates);
        };
    }

    private int next(int size) {
        return (int) Math.floorMod(turn++, (long) size);
    }

    private Member leastOutstanding(List<Member> candidates) {
        int fewest = Integer.MAX_VALUE;
        List<Member> tied = new ArrayList<>(2);
        for (Member member : candidates) {
            if (member.outstanding < fewest) {
                fewest = member.outstanding;
                tied.clear();
            }
            if (member.outstanding == fewest) {
                tied.add(member);
            }
        }
        return tied.get(next(tied.size()));
    }

    /** Smooth weighted round-robin (as nginx does it): every window of total-weight picks has each instance weight times. */
    private Member weighted(List<Member> candidates) {
        int total = 0;
        Member best = null;
        for (Member member : candidates) {
            member.currentWeight += member.weight;
            total += member.weight;
            if (best == null || member.currentWeight > best.currentWeight) {
                best = member;
            }
        }
        best.currentWeight -= total;
        return best;
    }

    private synchronized void release(Member member, boolean probe, InstanceLease.Outcome outcome) {
        member.outstanding--;
        if (probe) {
            member.probing = false;
        }
        switch (outcome) {
            case SUCCEEDED -> succeeded(member);
            case FAILED -> failed(member);
            case ABANDONED -> {
            }
        }
    }

    private void succeeded(Member member) {
        if (member.ejectedUntil != 0) {
            log.info("instance {} of service {} answered again and is back in rotation", member.key, service);
            ejections("returned", 1);
        }
        member.consecutiveFailures = 0;
        member.ejectedUntil = 0;
    }

    private void failed(Member member) {
        member.consecutiveFailures++;
        long now = clock.millis();
        if (settings.ejectAfterFailures() == 0 || member.ejectedUntil > now) {
            return;
        }
        boolean probeFailed = member.ejectedUntil != 0;
        if (probeFailed || member.consecutiveFailures >= settings.ejectAfterFailures()) {
            member.ejectedUntil = now + settings.ejectionTime().toMillis();
            log.warn("instance {} of service {} ejected for {} ms after {} consecutive failures", member.key, service,
                    settings.ejectionTime().toMillis(), member.consecutiveFailures);
            ejections("ejected", 1);
        }
    }

    /** {@code fedbff.instances.ejections} by service and event (ejected, returned), in the global registry Boot adds its own to. */
    private void ejections(String event, int count) {
        io.micrometer.core.instrument.Metrics.counter("fedbff.instances.ejections", "service", service, "event", event).increment(count);
    }

    private static int weight(ServiceInstance instance) {
        String weight = instance.getMetadata() == null ? null : instance.getMetadata().get(WEIGHT);
        if (weight == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(weight.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** One instance's state. */
    private static final class Member {
        final String key;
        final URI address;
        int weight = 1;
        int currentWeight;
        int outstanding;
        int consecutiveFailures;
        long ejectedUntil;
        boolean probing;

        Member(URI address) {
            this.address = address;
            this.key = address.toString();
        }

        boolean onProbation(long now) {
            return ejectedUntil != 0 && ejectedUntil <= now;
        }

        boolean available(long now) {
            return ejectedUntil == 0 || onProbation(now) && !probing;
        }
    }

    /** A call on one member, released once. */
    private final class Lease implements InstanceLease {
        private final Member member;
        private final boolean probe;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(Member member, boolean probe) {
            this.member = member;
            this.probe = probe;
        }

        @Override
        public URI address() {
            return member.address;
        }

        @Override
        public void release(Outcome outcome) {
            if (released.compareAndSet(false, true)) {
                InstanceBalancer.this.release(member, probe, outcome);
            }
        }

        @Override
        public String toString() {
            return "InstanceLease[" + service + " at " + member.key + (probe ? ", probe" : "") + "]";
        }
    }
}
