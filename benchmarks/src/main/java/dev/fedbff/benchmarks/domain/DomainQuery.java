package dev.fedbff.benchmarks.domain;

import dev.fedbff.benchmarks.server.ClassPathText;
import dev.fedbff.gateway.core.Json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The operations of the domain benchmark, one file each in {@code domain-queries/}:
 * <ul>
 *   <li>{@code profile}: user 42 with five orders, their items' products and payments (the walking skeleton's profile
 *       query, naming the user by id so that gateways which forward no identity ask for the same one);</li>
 *   <li>{@code large-list}: ten users with ten orders each, 100 orders with their items, products and payments.</li>
 * </ul>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.domain.DomainQuery profile} prints the POST body.
 */
public final class DomainQuery {

    private DomainQuery() {
    }

    public static String text(String name) {
        if (!name.matches("[a-z-]+")) {
            throw new IllegalArgumentException("no domain query named '" + name + "'");
        }
        return ClassPathText.find("domain-queries/" + name + ".graphql").orElseThrow(() ->
                new IllegalArgumentException("no domain query named '" + name + "' (domain-queries/" + name + ".graphql)"));
    }

    /** The GraphQL-over-HTTP body the load generator POSTs: {@code {"query": ...}}. */
    public static String requestBody(String name) {
        return new String(Json.write(Map.of("query", text(name))), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DomainQuery profile|large-list");
            System.exit(2);
        }
        System.out.println(requestBody(args[0]));
    }
}
