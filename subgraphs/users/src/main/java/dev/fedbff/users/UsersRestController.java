package dev.fedbff.users;

import dev.fedbff.sample.SeedData.User;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plain REST reads beside the GraphQL endpoint, for the BFFs' passthrough routes ({@code /api/users/**}). Answers
 * carry {@code Cache-Control} and an {@code ETag} (see {@link UsersApplication}), so the BFF's response cache and
 * {@code If-None-Match} work end to end.
 */
@RestController
@RequestMapping(path = "/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UsersRestController {

    private final UserDirectory directory;

    UsersRestController(UserDirectory directory) {
        this.directory = directory;
    }

    /** The caller, as named by the verified subject the BFF forwards in {@code X-User-Id}; per user, so {@code private}. */
    @GetMapping("/me")
    ResponseEntity<?> me(@RequestHeader(name = "X-User-Id", required = false) String userId) {
        if (userId == null) {
            return problem(HttpStatus.UNAUTHORIZED, "No caller: the X-User-Id header is missing");
        }
        return found(directory.find(userId), "No user with id '" + userId + "'", CacheControl.maxAge(Duration.ofSeconds(30)).cachePrivate());
    }

    @GetMapping("/{id}")
    ResponseEntity<?> user(@PathVariable String id) {
        return found(directory.find(id), "No user with id '" + id + "'", CacheControl.maxAge(Duration.ofSeconds(60)));
    }

    private static ResponseEntity<?> found(User user, String notFound, CacheControl caching) {
        if (user == null) {
            return problem(HttpStatus.NOT_FOUND, notFound);
        }
        return ResponseEntity.ok().cacheControl(caching).body(user);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
