package dev.fedbff.orders;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.fedbff.orders.GraphTypes.Order;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

@DgsDataLoader(name = OrdersOfUsersLoader.NAME)
class OrdersOfUsersLoader implements MappedBatchLoader<String, List<Order>> {

    static final String NAME = "ordersOfUsers";
    static final String BATCHES_METRIC = "orders.of-users.batch.loads";

    private final OrderBook book;
    private final Counter batches;

    OrdersOfUsersLoader(OrderBook book, MeterRegistry meters) {
        this.book = book;
        this.batches = meters.counter(BATCHES_METRIC);
    }

    @Override
    public CompletionStage<Map<String, List<Order>>> load(Set<String> userIds) {
        batches.increment();
        return CompletableFuture.completedFuture(book.ordersOfUsers(userIds).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().map(Order::of).toList())));
    }
}
