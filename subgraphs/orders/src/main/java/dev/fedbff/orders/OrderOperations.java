package dev.fedbff.orders;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.fedbff.kit.graphql.RejectedRequestException;
import dev.fedbff.orders.GraphTypes.Order;
import dev.fedbff.sample.SeedData;
import dev.fedbff.sample.SeedData.OrderItem;
import java.util.List;
import org.springframework.web.bind.annotation.RequestHeader;

@DgsComponent
class OrderOperations {

    static final int MAX_QUANTITY = 100;

    private final OrderBook book;

    OrderOperations(OrderBook book) {
        this.book = book;
    }

    @DgsQuery
    Order order(@InputArgument String id) {
        return Order.of(book.find(id));
    }

    @DgsMutation
    Order placeOrder(@InputArgument PlaceOrderInput input, @RequestHeader(name = "X-User-Id", required = false) String userId) {
        if (userId == null || userId.isBlank()) {
            throw new RejectedRequestException(RejectedRequestException.UNAUTHENTICATED, "Placing an order needs a signed-in user");
        }
        if (input.items() == null || input.items().isEmpty()) {
            throw new RejectedRequestException(RejectedRequestException.BAD_USER_INPUT, "An order needs at least one item");
        }
        List<OrderItem> items = input.items().stream().map(OrderOperations::priced).toList();
        return Order.of(book.place(userId, items));
    }

    private static OrderItem priced(OrderItemInput item) {
        SeedData.Product product = SeedData.product(item.productId());
        if (product == null) {
            throw new RejectedRequestException(RejectedRequestException.BAD_USER_INPUT, "Unknown product: " + item.productId());
        }
        if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
            throw new RejectedRequestException(RejectedRequestException.BAD_USER_INPUT,
                    "Quantity must be between 1 and " + MAX_QUANTITY + ", was " + item.quantity());
        }
        return new OrderItem(product.id(), item.quantity(), product.priceCents());
    }

    record PlaceOrderInput(List<OrderItemInput> items) {
    }

    record OrderItemInput(String productId, int quantity) {
    }
}
