package dev.fedbff.web;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.connect.OwnFieldEnvironment;
import dev.fedbff.gateway.connect.OwnFields;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fields web-bff adds for the web app (web-bff.graphqls), resolved in this process from what the plan fetched. */
@Configuration(proxyBeanMethods = false)
class WebFields {

    @Bean
    OwnFields webOwnFields() {
        return OwnFields.fromClasspath("web-bff.graphqls")
                .field("User", "spendingByMonth", WebFields::spendingByMonth)
                .build();
    }

    static List<Map<String, Object>> spendingByMonth(OwnFieldEnvironment environment) {
        List<?> orders = environment.entity().get("orders") instanceof List<?> list ? list : List.of();
        Map<String, int[]> byMonth = new TreeMap<>(Comparator.reverseOrder());
        for (Object item : orders) {
            if (item instanceof JsonObject order && !"CANCELLED".equals(order.get("status"))
                    && order.get("createdAt") instanceof String createdAt && createdAt.length() >= 7 && order.get("total") instanceof Number total) {
                int[] month = byMonth.computeIfAbsent(createdAt.substring(0, 7), m -> new int[2]);
                month[0] += total.intValue();
                month[1]++;
            }
        }
        List<Map<String, Object>> spending = new ArrayList<>();
        byMonth.forEach((month, sums) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", month);
            row.put("total", sums[0]);
            row.put("orders", sums[1]);
            spending.add(row);
        });
        return spending;
    }
}
