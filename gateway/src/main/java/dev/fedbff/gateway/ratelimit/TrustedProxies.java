package dev.fedbff.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the client's address behind proxies we run. {@code X-Forwarded-For} is only believed when the direct peer
 * is a trusted proxy; then the hops are read right to left and the first one that is not a trusted proxy is the
 * client, so whatever a client writes into the header itself (the left end) cannot choose its key.
 */
final class TrustedProxies {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<AddressRange> ranges;

    TrustedProxies(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** @throws IllegalArgumentException when an entry is not an address or CIDR range */
    static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(entries.stream().map(AddressRange::parse).toList());
    }

    /**
     * @param peer         the address of the direct TCP peer, null when unknown
     * @param forwardedFor every {@code X-Forwarded-For} header value, in order
     * @return the client address as text, or null when the peer is unknown
     */
    @Nullable String clientAddress(@Nullable InetAddress peer, List<String> forwardedFor) {
        if (peer == null) {
            return null;
        }
        InetAddress client = peer;
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
            InetAddress hop = AddressRange.literal(hops.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                hops.add(withoutPort(hop.trim()));
            }
        }
        return hops;
    }

    /** {@code [2001:db8::1]:443} and {@code 192.0.2.1:8080} as bare addresses; other forms as they are. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
