package dev.fedbff.payments;

import java.util.Set;

record PaymentRequest(String orderId, Integer amountCents, String method) {

    static final Set<String> METHODS = Set.of("CARD", "PAYPAL", "BANK_TRANSFER");

    PaymentRequest validated() {
        if (orderId == null || orderId.isBlank()) {
            throw new InvalidFieldException("orderId", "orderId must not be blank");
        }
        if (amountCents == null || amountCents <= 0) {
            throw new InvalidFieldException("amountCents", "amountCents must be greater than 0, got " + amountCents);
        }
        if (method == null || !METHODS.contains(method)) {
            throw new InvalidFieldException("method", "method must be one of CARD, PAYPAL, BANK_TRANSFER, got " + method);
        }
        return this;
    }
}
