package dev.fedbff.payments;

import dev.fedbff.sample.SeedData.Payment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

@Component
class IdempotentPayments {

    private final PaymentLedger ledger;
    private final Map<String, Outcome> outcomesByKey = new ConcurrentHashMap<>();

    IdempotentPayments(PaymentLedger ledger) {
        this.ledger = ledger;
    }

    Payment create(String idempotencyKey, PaymentRequest request) {
        if (idempotencyKey == null) {
            return ledger.capture(request);
        }
        if (idempotencyKey.isBlank()) {
            throw new InvalidFieldException("Idempotency-Key", "Idempotency-Key must not be blank when sent");
        }
        Outcome outcome = outcomesByKey.computeIfAbsent(idempotencyKey, key -> new Outcome(request, ledger.capture(request)));
        if (!outcome.request().equals(request)) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key '" + idempotencyKey + "' was already used with a different request body");
        }
        return outcome.payment();
    }

    private record Outcome(PaymentRequest request, Payment payment) {
    }
}
