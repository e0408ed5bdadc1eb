package dev.fedbff.payments;

import dev.fedbff.kit.rest.ProblemResponses;
import dev.fedbff.sample.SeedData;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(ProblemResponses.class)
public class PaymentsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentsApplication.class, args);
    }

    @Bean
    PaymentLedger paymentLedger() {
        return new PaymentLedger(SeedData.payments(), Clock.systemUTC());
    }
}
