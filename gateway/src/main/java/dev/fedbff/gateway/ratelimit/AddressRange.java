package dev.fedbff.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** One address or CIDR range, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code fd00::/8}. Never resolves host names. */
record AddressRange(byte[] network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** @throws IllegalArgumentException when the text is not an IP address with an optional prefix length */
    static AddressRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR range such as 10.0.0.0/8");
        }
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : prefixLength(text, trimmed.substring(slash + 1), bits);
        return new AddressRange(address.getAddress(), prefix);
    }

    /** The address an IP literal names, or null when the text is not one (host names included: no DNS lookups). */
    static @Nullable InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return rest == 0 || (bytes[whole] & mask) == (network[whole] & mask);
    }

    private static int prefixLength(String text, String digits, int bits) {
        try {
            int prefix = Integer.parseInt(digits);
            if (prefix >= 0 && prefix <= bits) {
                return prefix;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("\"" + text + "\" has a prefix length outside 0.." + bits);
    }
}
