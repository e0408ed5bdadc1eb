package dev.fedbff.orders;

import dev.fedbff.sample.SeedData;
import dev.fedbff.sample.SeedData.Order;
import dev.fedbff.sample.SeedData.OrderItem;
import dev.fedbff.sample.SeedData.OrderStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** All orders in memory: the seeded ones plus those placed since start-up. Newer orders have higher ids. */
@Component
class OrderBook {

    private static final Comparator<String> NEWEST_FIRST = Comparator.comparingInt((String id) -> Integer.parseInt(id)).reversed();

    private final Map<String, Order> byId = new ConcurrentHashMap<>();
    private final Map<String, List<String>> idsByUser = new ConcurrentHashMap<>();
    private final AtomicInteger lastId = new AtomicInteger(SeedData.ORDERS);

    OrderBook() {
        SeedData.orders().forEach(order -> byId.put(order.id(), order));
        SeedData.users().forEach(user -> idsByUser.put(user.id(), SeedData.orderIdsOfUser(user.id())));
    }

    Order find(String id) {
        return id == null ? null : byId.get(id);
    }

    Map<String, Order> findAll(Collection<String> ids) {
        return ids.stream().filter(byId::containsKey).distinct().collect(Collectors.toMap(Function.identity(), byId::get));
    }

    /** Each user's orders, newest first; users without orders map to an empty list. */
    Map<String, List<Order>> ordersOfUsers(Collection<String> userIds) {
        return userIds.stream().distinct().collect(Collectors.toMap(Function.identity(),
                userId -> idsByUser.getOrDefault(userId, List.of()).stream().map(byId::get).toList()));
    }

    Order place(String userId, List<OrderItem> items) {
        String id = String.valueOf(lastId.incrementAndGet());
        int total = items.stream().mapToInt(item -> item.quantity() * item.unitPriceCents()).sum();
        Order order = new Order(id, userId, OrderStatus.PENDING, List.copyOf(items), total, Instant.now());
        byId.put(id, order);
        idsByUser.merge(userId, List.of(id), (existing, added) ->
                Stream.concat(added.stream(), existing.stream()).sorted(NEWEST_FIRST).toList());
        return order;
    }
}
