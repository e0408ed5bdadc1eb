package dev.fedbff.payments;

import dev.fedbff.kit.rest.BatchIds;
import dev.fedbff.sample.SeedData.Payment;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/payments")
class PaymentsController {

    private final PaymentLedger ledger;
    private final IdempotentPayments idempotentPayments;

    PaymentsController(PaymentLedger ledger, IdempotentPayments idempotentPayments) {
        this.ledger = ledger;
        this.idempotentPayments = idempotentPayments;
    }

    @GetMapping("/{id}")
    Payment payment(@PathVariable String id) {
        return ledger.payment(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No payment with id '" + id + "'"));
    }

    @GetMapping
    List<Payment> paymentsOfOrders(@RequestParam String orderIds) {
        return ledger.paymentsOfOrders(BatchIds.distinct("orderIds", orderIds));
    }

    @PostMapping
    ResponseEntity<Payment> create(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                   @RequestBody PaymentRequest request) {
        Payment payment = idempotentPayments.create(idempotencyKey, request.validated());
        return ResponseEntity.created(URI.create("/payments/" + payment.id())).body(payment);
    }
}
