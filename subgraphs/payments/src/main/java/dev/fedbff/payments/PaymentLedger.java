package dev.fedbff.payments;

import dev.fedbff.sample.SeedData.Payment;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class PaymentLedger {

    static final String CAPTURED = "CAPTURED";

    private final Map<String, Payment> byId = new ConcurrentHashMap<>();
    private final Map<String, Payment> byOrderId = new ConcurrentHashMap<>();
    private final Clock clock;

    PaymentLedger(List<Payment> seeded, Clock clock) {
        this.clock = clock;
        seeded.forEach(this::record);
    }

    Optional<Payment> payment(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Payment> paymentsOfOrders(List<String> orderIds) {
        return orderIds.stream().map(byOrderId::get).filter(Objects::nonNull).toList();
    }

    Payment capture(PaymentRequest request) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Payment payment = new Payment("pay-" + UUID.randomUUID(), request.orderId(), CAPTURED, request.method(),
                request.amountCents(), now);
        Payment existing = byOrderId.putIfAbsent(payment.orderId(), payment);
        if (existing != null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "Order '" + request.orderId() + "' already has payment '" + existing.id() + "'");
        }
        byId.put(payment.id(), payment);
        return payment;
    }

    private void record(Payment payment) {
        byId.put(payment.id(), payment);
        byOrderId.put(payment.orderId(), payment);
    }
}
