package dev.fedbff.users;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.fedbff.sample.SeedData.User;
import java.util.List;
import org.springframework.web.bind.annotation.RequestHeader;

@DgsComponent
class UserQueries {

    static final int MAX_PAGE_SIZE = 100;

    private final UserDirectory directory;

    UserQueries(UserDirectory directory) {
        this.directory = directory;
    }

    @DgsQuery
    User me(@RequestHeader(name = "X-User-Id", required = false) String userId) {
        return directory.find(userId);
    }

    @DgsQuery
    User user(@InputArgument String id) {
        return directory.find(id);
    }

    @DgsQuery
    UserConnection users(@InputArgument Integer first, @InputArgument String after) {
        int size = Math.max(1, Math.min(first == null ? 20 : first, MAX_PAGE_SIZE));
        UserDirectory.Slice slice = directory.after(Cursor.idOf(after), size);
        List<UserEdge> edges = slice.users().stream().map(u -> new UserEdge(Cursor.of(u.id()), u)).toList();
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new UserConnection(edges, new PageInfo(slice.hasMore(), endCursor));
    }

    @DgsData(parentType = "User", field = "createdAt")
    String createdAt(DgsDataFetchingEnvironment env) {
        User user = env.getSource();
        return user.createdAt().toString();
    }

    record UserConnection(List<UserEdge> edges, PageInfo pageInfo) {
    }

    record UserEdge(String cursor, User node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }
}
