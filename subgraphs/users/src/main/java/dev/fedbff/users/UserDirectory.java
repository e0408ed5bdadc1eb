package dev.fedbff.users;

import dev.fedbff.sample.SeedData;
import dev.fedbff.sample.SeedData.User;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

@Component
class UserDirectory {

    private final List<User> inIdOrder = SeedData.users();
    private final Map<String, User> byId = inIdOrder.stream().collect(Collectors.toUnmodifiableMap(User::id, Function.identity()));

    User find(String id) {
        return id == null ? null : byId.get(id);
    }

    Map<String, User> findAll(Collection<String> ids) {
        return ids.stream().filter(byId::containsKey).distinct().collect(Collectors.toMap(Function.identity(), byId::get));
    }

    /** Up to {@code limit} users whose numeric id is greater than {@code afterId}, plus whether more follow. */
    Slice after(int afterId, int limit) {
        int from = Math.min(Math.max(afterId, 0), inIdOrder.size());
        int to = Math.min(from + limit, inIdOrder.size());
        return new Slice(inIdOrder.subList(from, to), to < inIdOrder.size());
    }

    record Slice(List<User> users, boolean hasMore) {
    }
}
