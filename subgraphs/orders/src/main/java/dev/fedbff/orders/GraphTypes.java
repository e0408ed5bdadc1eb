package dev.fedbff.orders;

import dev.fedbff.sample.SeedData;
import dev.fedbff.sample.SeedData.OrderStatus;
import java.util.List;

/** The shapes this subgraph serves; the record names are the GraphQL type names DGS resolves entities by. */
final class GraphTypes {

    private GraphTypes() {
    }

    record Order(String id, OrderStatus status, int total, String createdAt, List<OrderItem> items, User user) {

        static Order of(SeedData.Order order) {
            if (order == null) {
                return null;
            }
            List<OrderItem> items = order.items().stream()
                    .map(item -> new OrderItem(item.quantity(), item.unitPriceCents(), new Product(item.productId())))
                    .toList();
            return new Order(order.id(), order.status(), order.totalCents(), order.createdAt().toString(), items, new User(order.userId()));
        }
    }

    record OrderItem(int quantity, int unitPrice, Product product) {
    }

    record Product(String id) {
    }

    record User(String id) {
    }
}
