package dev.fedbff.users;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.fedbff.sample.SeedData.User;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

@DgsDataLoader(name = UserBatchLoader.NAME)
class UserBatchLoader implements MappedBatchLoader<String, User> {

    static final String NAME = "usersById";
    static final String BATCHES_METRIC = "users.batch.loads";

    private final UserDirectory directory;
    private final Counter batches;

    UserBatchLoader(UserDirectory directory, MeterRegistry meters) {
        this.directory = directory;
        this.batches = meters.counter(BATCHES_METRIC);
    }

    @Override
    public CompletionStage<Map<String, User>> load(Set<String> ids) {
        batches.increment();
        return CompletableFuture.completedFuture(directory.findAll(ids));
    }
}
