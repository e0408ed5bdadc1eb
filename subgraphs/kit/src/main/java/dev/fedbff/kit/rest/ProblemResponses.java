package dev.fedbff.kit.rest;

import java.net.URI;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * RFC 9457 problem responses for a WebFlux REST service: every error body is a problem with a type ("about:blank"
 * when none is set), and an unexpected exception is logged and answered with a 500 problem that reveals nothing.
 * Register it with {@code @Import(ProblemResponses.class)}.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final URI UNTYPED = URI.create("about:blank");
    private static final Log log = LogFactory.getLog(ProblemResponses.class);

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
        log.error("Unhandled error on " + exchange.getRequest().getPath(), ex);
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "The server could not complete the request.");
        return createResponseEntity(body, new HttpHeaders(), status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                                ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(UNTYPED);
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }
}
