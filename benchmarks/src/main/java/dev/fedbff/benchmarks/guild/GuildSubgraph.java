package dev.fedbff.benchmarks.guild;

import com.apollographql.federation.graphqljava.Federation;
import com.apollographql.federation.graphqljava._Entity;
import com.apollographql.federation.graphqljava._Service;
import dev.fedbff.benchmarks.guild.GuildData.Product;
import dev.fedbff.benchmarks.guild.GuildData.Review;
import dev.fedbff.benchmarks.guild.GuildData.User;
import dev.fedbff.benchmarks.server.ClassPathText;
import dev.fedbff.benchmarks.server.Subgraph;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The four subgraphs of The Guild's gateway benchmark, each its Federation 1 SDL from {@code guild-schema/} made
 * executable with federation-jvm and answering from {@link GuildData} as the original does:
 * <ul>
 *   <li>{@code accounts}: {@code me} (user 1), {@code user(id)}, {@code users}; {@code User} entities by id.</li>
 *   <li>{@code products}: {@code topProducts(first: Int = 5)}; {@code Product} entities by upc.</li>
 *   <li>{@code inventory}: {@code Product.inStock}, and {@code shippingEstimate} from the representation's required
 *       {@code price} and {@code weight}: 0 above a price of 1000, else half the weight. (The Guild's current Rust
 *       subgraph drops the representation and always answers null; computing it, as Apollo's federation demo does,
 *       lets the side-by-side check also prove that every gateway sends the {@code @requires} fields.)</li>
 *   <li>{@code reviews}: {@code Review.author} is user 1 with username {@code urigo} ({@code @provides}); every user's
 *       {@code reviews} are reviews 1 and 2; a product's {@code reviews} are those naming its upc.</li>
 * </ul>
 */
public enum GuildSubgraph implements Subgraph {

    ACCOUNTS("accounts") {
        @Override
        RuntimeWiring wiring() {
            return RuntimeWiring.newRuntimeWiring()
                    .type("Query", type -> type
                            .dataFetcher("me", env -> GuildData.USERS.get(0))
                            .dataFetcher("user", env -> GuildData.user(env.getArgument("id")).orElse(null))
                            .dataFetcher("users", env -> GuildData.USERS))
                    .build();
        }

        @Override
        @Nullable Object entity(Map<String, Object> representation) {
            return GuildData.user(representation.get("id")).orElse(null);
        }
    },

    PRODUCTS("products") {
        @Override
        RuntimeWiring wiring() {
            return RuntimeWiring.newRuntimeWiring()
                    .type("Query", type -> type.dataFetcher("topProducts", env -> {
                        Integer first = env.getArgument("first");
                        return GuildData.PRODUCTS.stream().limit(first == null ? 5 : Math.max(0, first)).toList();
                    }))
                    .build();
        }

        @Override
        @Nullable Object entity(Map<String, Object> representation) {
            return GuildData.product(representation.get("upc")).orElse(null);
        }
    },

    INVENTORY("inventory") {
        @Override
        RuntimeWiring wiring() {
            return RuntimeWiring.newRuntimeWiring()
                    .type("Product", type -> type.dataFetcher("shippingEstimate", env -> shippingEstimate(env.getSource())))
                    .build();
        }

        @Override
        @Nullable Object entity(Map<String, Object> representation) {
            return GuildData.stock(representation.get("upc")).map(stock -> {
                Map<String, Object> product = new LinkedHashMap<>(representation);
                product.put("inStock", stock.inStock());
                return product;
            }).orElse(null);
        }

        private static @Nullable Integer shippingEstimate(Map<String, Object> product) {
            if (!(product.get("price") instanceof Number price)) {
                return null;
            }
            if (price.longValue() > 1000) {
                return 0;
            }
            return product.get("weight") instanceof Number weight ? (int) (weight.longValue() / 2) : null;
        }
    },

    REVIEWS("reviews") {
        private static final Map<String, Object> AUTHOR = Map.of("__typename", "User", "id", "1", "username", "urigo");

        @Override
        RuntimeWiring wiring() {
            DataFetcher<List<Review>> reviewsOfUser = env -> GuildData.REVIEWS_OF_ANY_USER;
            return RuntimeWiring.newRuntimeWiring()
                    .type("Review", type -> type
                            .dataFetcher("author", env -> AUTHOR)
                            .dataFetcher("product", env -> Map.of("__typename", "Product", "upc", ((Review) env.getSource()).productUpc())))
                    .type("User", type -> type.dataFetcher("reviews", reviewsOfUser))
                    .type("Product", type -> type.dataFetcher("reviews", env -> GuildData.reviewsOf(((Map<?, ?>) env.getSource()).get("upc"))))
                    .build();
        }

        @Override
        @Nullable Object entity(Map<String, Object> representation) {
            return switch (String.valueOf(representation.get("__typename"))) {
                case "Review" -> GuildData.review(representation.get("id")).orElse(null);
                case "User" -> Map.of("__typename", "User", "id", String.valueOf(representation.get("id")), "username", "user");
                case "Product" -> Map.of("__typename", "Product", "upc", String.valueOf(representation.get("upc")));
                default -> null;
            };
        }
    };

    private final String subgraphName;

    GuildSubgraph(String subgraphName) {
        this.subgraphName = subgraphName;
    }

    /** The subgraph's name: its schema file's name, and the service name the gateways call. */
    @Override
    public String subgraphName() {
        return subgraphName;
    }

    /** The SDL the gateway composes: {@code guild-schema/<name>.graphqls}. */
    public String sdl() {
        return ClassPathText.read("guild-schema/" + subgraphName + ".graphqls");
    }

    /** An executable schema of this subgraph, with {@code _entities}, and {@code _service { sdl }} answering the file as written. */
    @Override
    public GraphQL graphQL() {
        String sdl = sdl();
        GraphQLSchema schema = Federation.transform(asDefinitions(sdl), wiring())
                .fetchEntities(env -> representations(env.getArgument(_Entity.argumentName), this::entity))
                .resolveEntityType(typeOfEntity())
                .build();
        GraphQLCodeRegistry code = schema.getCodeRegistry().transform(registry -> registry
                .dataFetcher(FieldCoordinates.coordinates("Query", _Service.fieldName), (DataFetcher<?>) env -> Map.of("sdl", sdl))
                .dataFetcher(FieldCoordinates.coordinates(_Service.typeName, "sdl"), (DataFetcher<?>) env -> sdl));
        return GraphQL.newGraphQL(schema.transform(builder -> builder.codeRegistry(code))).build();
    }

    abstract RuntimeWiring wiring();

    /** The entity a representation names, or null when this subgraph has none such. */
    abstract @Nullable Object entity(Map<String, Object> representation);

    /**
     * Federation 1 subgraphs extend types they do not define ({@code extend type Product @key(...)}); graphql-java needs
     * a definition, so each such extension becomes one.
     */
    private static String asDefinitions(String sdl) {
        return sdl.replaceAll("(?m)^extend type ", "type ");
    }

    private static List<@Nullable Object> representations(List<Map<String, Object>> representations,
                                                          Function<Map<String, Object>, @Nullable Object> entity) {
        return representations.stream().map(entity).toList();
    }

    private static TypeResolver typeOfEntity() {
        return env -> {
            Object entity = env.getObject();
            String type = entity instanceof Map<?, ?> map ? String.valueOf(map.get("__typename"))
                    : entity instanceof User ? "User" : entity instanceof Product ? "Product" : entity instanceof Review ? "Review" : null;
            return type == null ? null : env.getSchema().getObjectType(type);
        };
    }
}
