package dev.fedbff.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * What the gateway's metrics look like, under {@code fedbff.metrics}.
 *
 * @param slo               the buckets of the {@code fedbff.requests} histogram: the latencies an SLO is written against
 * @param maxOperationNames how many distinct GraphQL operation names the {@code operation} tag takes; later names are
 *                          tagged {@code other}, so a client inventing names cannot grow the metrics without bound
 * @param scrapeScope       the OAuth scope a token needs to read {@code /actuator/prometheus} and {@code /actuator/metrics}
 */
@ConfigurationProperties("fedbff.metrics")
public record MetricsProperties(@DefaultValue({"25ms", "50ms", "100ms", "250ms", "500ms", "1s", "2500ms", "5s", "10s"}) List<Duration> slo,
                                @DefaultValue("200") int maxOperationNames,
                                @DefaultValue("metrics") String scrapeScope) {
}
