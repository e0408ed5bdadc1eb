package dev.fedbff.mobile;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.connect.OwnFieldEnvironment;
import dev.fedbff.gateway.connect.OwnFields;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The fields mobile-bff adds for the phone app (mobile-bff.graphqls), resolved in this process from what the plan fetched. */
@Configuration(proxyBeanMethods = false)
class MobileFields {

    private static final Set<String> UNDER_WAY = Set.of("PENDING", "PAID", "SHIPPED");

    /** Short enough for a list row on a small screen. */
    private static final Map<Locale, Map<String, String>> STATUS_LABELS = Map.of(
            Locale.ENGLISH, Map.of("PENDING", "Pending", "PAID", "Paid", "SHIPPED", "Shipped", "DELIVERED", "Delivered", "CANCELLED", "Cancelled"),
            Locale.GERMAN, Map.of("PENDING", "Offen", "PAID", "Bezahlt", "SHIPPED", "Versandt", "DELIVERED", "Zugestellt", "CANCELLED", "Storniert"),
            Locale.FRENCH, Map.of("PENDING", "En attente", "PAID", "Payée", "SHIPPED", "Expédiée", "DELIVERED", "Livrée", "CANCELLED", "Annulée"));

    @Bean
    OwnFields mobileOwnFields() {
        return OwnFields.fromClasspath("mobile-bff.graphqls")
                .field("User", "openOrderCount", MobileFields::openOrderCount)
                .field("Order", "statusLabel", MobileFields::statusLabel)
                .build();
    }

    static int openOrderCount(OwnFieldEnvironment environment) {
        List<?> orders = environment.entity().get("orders") instanceof List<?> list ? list : List.of();
        return (int) orders.stream().filter(order -> order instanceof JsonObject json && UNDER_WAY.contains(json.get("status"))).count();
    }

    static String statusLabel(OwnFieldEnvironment environment) {
        String status = String.valueOf(environment.entity().get("status"));
        Locale locale = environment.locale(STATUS_LABELS.keySet(), Locale.ENGLISH);
        return STATUS_LABELS.get(locale).getOrDefault(status, status);
    }
}
