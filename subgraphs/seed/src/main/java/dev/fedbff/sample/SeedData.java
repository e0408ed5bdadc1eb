package dev.fedbff.sample;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic sample data. Every backend derives its own records from the same ids with the same
 * formulas, so the users, orders, products and payments services agree on who ordered what and which
 * orders are paid without sharing a database. Each record depends only on its id: the same id gives
 * the same record in every process and every run.
 */
public final class SeedData {

    public static final int USERS = 1_000;
    public static final int ORDERS = 10_000;
    public static final int PRODUCTS = 500;

    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    static final List<String> CATEGORIES = List.of("books", "music", "games", "garden", "kitchen", "outdoor", "toys", "tools");
    static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis",
            "Frances", "Edsger", "Radia", "Donald", "Hedy", "John", "Katherine", "Tim");
    static final List<String> LAST_NAMES = List.of("Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton",
            "Ritchie", "Allen", "Dijkstra", "Perlman", "Knuth", "Lamarr", "McCarthy", "Johnson", "Berners-Lee");
    static final List<String> ADJECTIVES = List.of("Compact", "Deluxe", "Classic", "Smart", "Rugged", "Quiet", "Bright", "Handy");
    static final List<String> NOUNS = List.of("Lamp", "Kettle", "Novel", "Drill", "Chair", "Puzzle", "Speaker", "Planter",
            "Backpack", "Tent", "Guitar", "Skillet");

    private SeedData() {
    }

    public record User(String id, String name, String email, Instant createdAt) {
    }

    public record Product(String id, String name, int priceCents, String category, String description) {
    }

    public record OrderItem(String productId, int quantity, int unitPriceCents) {
    }

    public record Order(String id, String userId, OrderStatus status, List<OrderItem> items, int totalCents, Instant createdAt) {
        public boolean paid() {
            return status.paid();
        }
    }

    public record Payment(String id, String orderId, String status, String method, int amountCents, Instant createdAt) {
    }

    public enum OrderStatus {
        PENDING(false), PAID(true), SHIPPED(true), DELIVERED(true), CANCELLED(false);

        private final boolean paid;

        OrderStatus(boolean paid) {
            this.paid = paid;
        }

        public boolean paid() {
            return paid;
        }
    }

    /** The user with this id, or null when the id is not one of the seeded users. */
    public static User user(String id) {
        int n = parse(id, USERS);
        if (n == 0) {
            return null;
        }
        String first = FIRST_NAMES.get(n % FIRST_NAMES.size());
        String last = LAST_NAMES.get((n / FIRST_NAMES.size()) % LAST_NAMES.size());
        String email = (first + "." + last + n + "@example.com").toLowerCase();
        return new User(id, first + " " + last, email, EPOCH.plus(n, ChronoUnit.HOURS));
    }

    public static Product product(String id) {
        int n = parse(id, PRODUCTS);
        if (n == 0) {
            return null;
        }
        SplittableRandom random = random("product", n);
        String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " " + NOUNS.get(random.nextInt(NOUNS.size())) + " " + n;
        int priceCents = 199 + random.nextInt(20_000);
        String category = CATEGORIES.get(n % CATEGORIES.size());
        return new Product(id, name, priceCents, category, "The " + name.toLowerCase() + ", item " + n + " of our " + category + " range.");
    }

    /** Orders 1..10,000; order n belongs to user ((n - 1) mod 1,000) + 1, so each user has ten orders. */
    public static Order order(String id) {
        int n = parse(id, ORDERS);
        if (n == 0) {
            return null;
        }
        SplittableRandom random = random("order", n);
        int itemCount = 1 + random.nextInt(4);
        List<OrderItem> items = new ArrayList<>(itemCount);
        int total = 0;
        for (int i = 0; i < itemCount; i++) {
            Product product = product(String.valueOf(1 + random.nextInt(PRODUCTS)));
            int quantity = 1 + random.nextInt(3);
            items.add(new OrderItem(product.id(), quantity, product.priceCents()));
            total += quantity * product.priceCents();
        }
        OrderStatus status = OrderStatus.values()[random.nextInt(OrderStatus.values().length)];
        String userId = String.valueOf(((n - 1) % USERS) + 1);
        return new Order(id, userId, status, List.copyOf(items), total, EPOCH.plus(n * 7L, ChronoUnit.MINUTES));
    }

    /** Ids of the seeded orders of a user, newest first. */
    public static List<String> orderIdsOfUser(String userId) {
        int user = parse(userId, USERS);
        if (user == 0) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (int n = ORDERS - USERS + user; n >= 1; n -= USERS) {
            ids.add(String.valueOf(n));
        }
        return ids;
    }

    /** The payment of a seeded order, or null when the order is unknown or not paid. */
    public static Payment paymentOfOrder(String orderId) {
        Order order = order(orderId);
        if (order == null || !order.paid()) {
            return null;
        }
        int n = Integer.parseInt(orderId);
        String method = List.of("CARD", "PAYPAL", "BANK_TRANSFER").get(n % 3);
        return new Payment("pay-" + orderId, orderId, "CAPTURED", method, order.totalCents(), order.createdAt().plus(2, ChronoUnit.MINUTES));
    }

    public static List<User> users() {
        return range(USERS).stream().map(SeedData::user).toList();
    }

    public static List<Product> products() {
        return range(PRODUCTS).stream().map(SeedData::product).toList();
    }

    public static List<Order> orders() {
        return range(ORDERS).stream().map(SeedData::order).toList();
    }

    public static List<Payment> payments() {
        return range(ORDERS).stream().map(SeedData::paymentOfOrder).filter(p -> p != null).toList();
    }

    static List<String> range(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            ids.add(String.valueOf(n));
        }
        return ids;
    }

    static SplittableRandom random(String kind, int n) {
        return new SplittableRandom(kind.hashCode() * 1_000_003L + n);
    }

    /** The number behind a seeded id, or 0 when the id is not a number between 1 and max. */
    static int parse(String id, int max) {
        if (id == null || id.isEmpty() || id.length() > 9 || !id.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int n = Integer.parseInt(id);
        return n >= 1 && n <= max ? n : 0;
    }
}
