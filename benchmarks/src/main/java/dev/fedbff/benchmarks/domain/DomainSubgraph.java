package dev.fedbff.benchmarks.domain;

import com.apollographql.federation.graphqljava.Federation;
import com.apollographql.federation.graphqljava._Entity;
import dev.fedbff.benchmarks.server.ClassPathText;
import dev.fedbff.benchmarks.server.Subgraph;
import dev.fedbff.sample.SeedData;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two REST sample backends, products and payments, as GraphQL subgraphs ({@code domain-schema/<name>.graphqls}),
 * for the gateways that cannot call REST: they answer from {@link SeedData}, the data the REST backends serve, in the
 * shape {@code schema/<name>.graphqls} maps those REST answers to ({@code priceCents} becomes {@code price},
 * {@code amountCents} {@code amount}).
 */
public enum DomainSubgraph implements Subgraph {

    PRODUCTS("products") {
        @Override
        RuntimeWiring wiring() {
            return RuntimeWiring.newRuntimeWiring()
                    .type("Query", type -> type.dataFetcher("product", env -> product(env.getArgument("id"))))
                    .build();
        }

        @Override
        @Nullable Object entity(Map<String, Object> representation) {
            return "Product".equals(representation.get("__typename")) ? product(representation.get("id")) : null;
        }
    },

    PAYMENTS("payments") {
        @Override
        RuntimeWiring wiring() {
            return RuntimeWiring.newRuntimeWiring()
                    .type("Query", type -> type.dataFetcher("payment", env -> paymentById(env.getArgument("id"))))
                    .build();
        }

        @Override
        @Nullable Object entity(Map<String, Object> representation) {
            if (!"Order".equals(representation.get("__typename")) || !(representation.get("id") instanceof String orderId)) {
                return null;
            }
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("__typename", "Order");
            order.put("id", orderId);
            order.put("payment", payment(SeedData.paymentOfOrder(orderId)));
            return order;
        }
    };

    private static final String PAYMENT_ID_PREFIX = "pay-";

    private final String subgraphName;

    DomainSubgraph(String subgraphName) {
        this.subgraphName = subgraphName;
    }

    /** The subgraph's name: its schema file's name, and the service name the gateways call. */
    @Override
    public String subgraphName() {
        return subgraphName;
    }

    /** The SDL the peers compose: {@code domain-schema/<name>.graphqls}. */
    public String sdl() {
        return ClassPathText.read("domain-schema/" + subgraphName + ".graphqls");
    }

    /** An executable schema of this subgraph, with {@code _entities} and {@code _service}. */
    @Override
    public GraphQL graphQL() {
        GraphQLSchema schema = Federation.transform(sdl(), wiring())
                .fetchEntities(env -> entities(env.getArgument(_Entity.argumentName)))
                .resolveEntityType(typeOfEntity())
                .build();
        return GraphQL.newGraphQL(schema).build();
    }

    abstract RuntimeWiring wiring();

    /** The entity a representation names, or null when this subgraph has none such. */
    abstract @Nullable Object entity(Map<String, Object> representation);

    private List<@Nullable Object> entities(List<Map<String, Object>> representations) {
        return representations.stream().map(this::entity).toList();
    }

    static @Nullable Map<String, Object> product(@Nullable Object id) {
        SeedData.Product product = id instanceof String text ? SeedData.product(text) : null;
        if (product == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("__typename", "Product");
        fields.put("id", product.id());
        fields.put("name", product.name());
        fields.put("price", product.priceCents());
        fields.put("category", product.category());
        fields.put("description", product.description());
        return fields;
    }

    static @Nullable Map<String, Object> paymentById(@Nullable Object id) {
        if (!(id instanceof String text) || !text.startsWith(PAYMENT_ID_PREFIX)) {
            return null;
        }
        return payment(SeedData.paymentOfOrder(text.substring(PAYMENT_ID_PREFIX.length())));
    }

    static @Nullable Map<String, Object> payment(SeedData.@Nullable Payment payment) {
        if (payment == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", payment.id());
        fields.put("orderId", payment.orderId());
        fields.put("status", payment.status());
        fields.put("method", payment.method());
        fields.put("amount", payment.amountCents());
        fields.put("createdAt", payment.createdAt().toString());
        return fields;
    }

    private static TypeResolver typeOfEntity() {
        return env -> env.getObject() instanceof Map<?, ?> map && map.get("__typename") instanceof String type
                ? env.getSchema().getObjectType(type) : null;
    }
}
