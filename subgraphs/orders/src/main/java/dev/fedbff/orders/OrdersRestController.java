package dev.fedbff.orders;

import dev.fedbff.sample.SeedData.Order;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plain REST reads beside the GraphQL endpoint, for the BFFs' passthrough routes ({@code /api/orders/**}):
 * {@code GET /orders/{id}} and {@code GET /orders?userId=42&first=5} (newest first). Orders change when one is
 * placed, so answers may be cached only briefly.
 */
@RestController
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrdersRestController {

    static final int MAX_PAGE_SIZE = 100;
    private static final CacheControl BRIEFLY = CacheControl.maxAge(Duration.ofSeconds(5));

    private final OrderBook book;

    OrdersRestController(OrderBook book) {
        this.book = book;
    }

    @GetMapping("/{id}")
    ResponseEntity<?> order(@PathVariable String id) {
        Order order = book.find(id);
        if (order == null) {
            return problem(HttpStatus.NOT_FOUND, "No order with id '" + id + "'");
        }
        return ResponseEntity.ok().cacheControl(BRIEFLY).body(order);
    }

    @GetMapping
    ResponseEntity<List<Order>> ofUser(@RequestParam String userId, @RequestParam(defaultValue = "10") int first) {
        int size = Math.max(1, Math.min(first, MAX_PAGE_SIZE));
        List<Order> orders = book.ordersOfUsers(List.of(userId)).get(userId);
        return ResponseEntity.ok().cacheControl(BRIEFLY).body(orders.subList(0, Math.min(size, orders.size())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "The query parameter '" + e.getParameterName() + "' is required, e.g. /orders?userId=42");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
