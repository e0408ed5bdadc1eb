package dev.fedbff.orders;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.fedbff.orders.GraphTypes.Order;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

@DgsDataLoader(name = OrdersByIdLoader.NAME)
class OrdersByIdLoader implements MappedBatchLoader<String, Order> {

    static final String NAME = "ordersById";
    static final String BATCHES_METRIC = "orders.by-id.batch.loads";

    private final OrderBook book;
    private final Counter batches;

    OrdersByIdLoader(OrderBook book, MeterRegistry meters) {
        this.book = book;
        this.batches = meters.counter(BATCHES_METRIC);
    }

    @Override
    public CompletionStage<Map<String, Order>> load(Set<String> ids) {
        batches.increment();
        return CompletableFuture.completedFuture(book.findAll(ids).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Order.of(e.getValue()))));
    }
}
