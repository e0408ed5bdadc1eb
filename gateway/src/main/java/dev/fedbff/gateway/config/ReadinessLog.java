package dev.fedbff.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;

/**
 * One log line per readiness change: {@code ACCEPTING_TRAFFIC} once started, {@code REFUSING_TRAFFIC} when SIGTERM
 * starts the graceful shutdown (new connections are refused, in-flight requests finish within
 * {@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
final class ReadinessLog {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessLog.class);

    @EventListener
    void changed(AvailabilityChangeEvent<ReadinessState> event) {
        LOG.info("Readiness: {}", event.getState());
    }
}
