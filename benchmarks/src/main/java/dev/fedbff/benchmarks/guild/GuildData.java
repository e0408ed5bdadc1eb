package dev.fedbff.benchmarks.guild;

import java.util.List;
import java.util.Optional;

/**
 * The records of The Guild's gateway benchmark (graphql-hive/graphql-gateways-benchmark, {@code subgraphs/}): six users,
 * nine products with their stock, eleven reviews. Every subgraph reads the part it owns.
 */
final class GuildData {

    record User(String id, String name, String username, Integer birthday) {
    }

    record Product(String upc, String name, Integer price, Integer weight) {
    }

    record Stock(String upc, boolean inStock) {
    }

    record Review(String id, String body, String productUpc) {
    }

    private static final String LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore "
            + "magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute "
            + "irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non "
            + "proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";
    private static final String SED_UT = "Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam rem "
            + "aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem "
            + "quia voluptas sit aspernatur aut odit aut fugi";
    private static final String SED_QUIA = "sed quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt. Neque porro quisquam est, qui "
            + "dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia non numquam eius modi tempora incidunt ut labore et dolore "
            + "magnam aliquam quaerat voluptatem.";
    private static final String UT_ENIM = "Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi ut aliquid ex "
            + "ea commodi consequatur? Quis autem";
    private static final String AT_VERO = "At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti atque "
            + "corrupti quos dolores et quas molestias excepturi sint occaecati cupiditate non provident, similique sunt in culpa qui officia deserunt "
            + "mollitia animi, id est laborum et dolorum fuga. Et harum quidem rerum facilis est et expedita distinctio. Nam libero tempore, cum soluta "
            + "nobis est eligendi optio cumque nihil impedit quo minus id quod maxime placeat facere possimus, omnis voluptas assumenda est, omnis "
            + "dolor repellendus. Temporibus autem quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut et voluptates "
            + "repudiandae sint et molestiae non recusandae. Itaque earum rerum hic tenetur a sapiente delectus, ut aut reiciendis voluptatibus "
            + "maiores alias consequatur aut perferendis doloribus asperiores repellat.";

    static final List<User> USERS = List.of(
            new User("1", "Uri Goldshtein", "urigo", 1234567890),
            new User("2", "Dotan Simha", "dotansimha", 1234567890),
            new User("3", "Kamil Kisiela", "kamilkisiela", 1234567890),
            new User("4", "Arda Tanrikulu", "ardatan", 1234567890),
            new User("5", "Gil Gardosh", "gilgardosh", 1234567890),
            new User("6", "Laurin Quast", "laurin", 1234567890));

    static final List<Product> PRODUCTS = List.of(
            new Product("1", "Table", 899, 100),
            new Product("2", "Couch", 1299, 1000),
            new Product("3", "Glass", 15, 20),
            new Product("4", "Chair", 499, 100),
            new Product("5", "TV", 1299, 1000),
            new Product("6", "Lamp", 6999, 300),
            new Product("7", "Grill", 3999, 2000),
            new Product("8", "Fridge", 100000, 6000),
            new Product("9", "Sofa", 9999, 800));

    static final List<Stock> INVENTORY = List.of(
            new Stock("1", true),
            new Stock("2", false),
            new Stock("3", false),
            new Stock("4", false),
            new Stock("5", true),
            new Stock("6", true),
            new Stock("7", true),
            new Stock("8", false),
            new Stock("9", true));

    static final List<Review> REVIEWS = List.of(
            new Review("1", LOREM, "1"),
            new Review("2", SED_UT, "1"),
            new Review("3", SED_QUIA, "1"),
            new Review("4", UT_ENIM, "1"),
            new Review("5", LOREM, "2"),
            new Review("6", SED_UT, "2"),
            new Review("7", SED_QUIA, "2"),
            new Review("8", UT_ENIM, "2"),
            new Review("9", UT_ENIM, "3"),
            new Review("10", UT_ENIM, "4"),
            new Review("11", AT_VERO, "4"));

    /** What the reviews subgraph answers for every user's {@code reviews}, as the original does: the first two reviews. */
    static final List<Review> REVIEWS_OF_ANY_USER = REVIEWS.subList(0, 2);

    private GuildData() {
    }

    static Optional<User> user(Object id) {
        return USERS.stream().filter(user -> user.id().equals(String.valueOf(id))).findFirst();
    }

    static Optional<Product> product(Object upc) {
        return PRODUCTS.stream().filter(product -> product.upc().equals(String.valueOf(upc))).findFirst();
    }

    static Optional<Stock> stock(Object upc) {
        return INVENTORY.stream().filter(stock -> stock.upc().equals(String.valueOf(upc))).findFirst();
    }

    static Optional<Review> review(Object id) {
        return REVIEWS.stream().filter(review -> review.id().equals(String.valueOf(id))).findFirst();
    }

    static List<Review> reviewsOf(Object upc) {
        return REVIEWS.stream().filter(review -> review.productUpc().equals(String.valueOf(upc))).toList();
    }
}
