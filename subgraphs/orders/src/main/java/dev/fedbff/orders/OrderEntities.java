package dev.fedbff.orders;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import dev.fedbff.orders.GraphTypes.Order;
import dev.fedbff.orders.GraphTypes.User;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

@DgsComponent
public class OrderEntities {

    @DgsEntityFetcher(name = "Order")
    public CompletableFuture<Order> order(Map<String, Object> representation, DgsDataFetchingEnvironment env) {
        DataLoader<String, Order> orders = env.getDataLoader(OrdersByIdLoader.NAME);
        return orders.load(String.valueOf(representation.get("id")));
    }

    @DgsEntityFetcher(name = "User")
    public User user(Map<String, Object> representation) {
        return new User(String.valueOf(representation.get("id")));
    }
}
