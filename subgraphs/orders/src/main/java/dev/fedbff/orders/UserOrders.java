package dev.fedbff.orders;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.InputArgument;
import dev.fedbff.orders.GraphTypes.Order;
import dev.fedbff.orders.GraphTypes.User;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

@DgsComponent
class UserOrders {

    static final int MAX_ORDERS = 100;

    @DgsData(parentType = "User", field = "orders")
    CompletableFuture<List<Order>> orders(DgsDataFetchingEnvironment env, @InputArgument Integer first) {
        int limit = Math.max(0, Math.min(first == null ? 10 : first, MAX_ORDERS));
        User user = env.getSource();
        DataLoader<String, List<Order>> ordersOfUsers = env.getDataLoader(OrdersOfUsersLoader.NAME);
        return ordersOfUsers.load(user.id()).thenApply(orders -> orders.subList(0, Math.min(limit, orders.size())));
    }
}
