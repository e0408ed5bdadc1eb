package dev.fedbff.users;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import dev.fedbff.sample.SeedData.User;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

@DgsComponent
public class UserEntities {

    @DgsEntityFetcher(name = "User")
    public CompletableFuture<User> user(Map<String, Object> representation, DgsDataFetchingEnvironment env) {
        DataLoader<String, User> users = env.getDataLoader(UserBatchLoader.NAME);
        return users.load(String.valueOf(representation.get("id")));
    }
}
