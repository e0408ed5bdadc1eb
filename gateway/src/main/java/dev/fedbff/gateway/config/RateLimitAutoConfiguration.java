package dev.fedbff.gateway.config;

import dev.fedbff.gateway.ratelimit.CallerKeyResolver;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import dev.fedbff.gateway.ratelimit.RateLimiter;
import dev.fedbff.gateway.ratelimit.RateLimits;
import io.github.bucket4j.TimeMeter;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Rate limiting from {@code fedbff.rate-limit}: callers keyed by token subject or client address, buckets in memory
 * or, with {@code redis.uri}, in Redis shared by every instance, and the {@link RateLimitGate} that {@code /graphql}
 * and the REST routes ask. Each bean gives way to one the application defines.
 */
@AutoConfiguration
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CallerKeyResolver fedbffCallerKeyResolver(RateLimitProperties properties) {
        try {
            return RateLimits.callerKeys(properties.trustedProxies());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("fedbff.rate-limit.trusted-proxies", properties.trustedProxies(), e.getMessage());
        }
    }

    @Bean
    @ConditionalOnMissingBean
    RateLimiter fedbffRateLimiter(RateLimitProperties properties, ObjectProvider<MeterRegistry> meters, ObjectProvider<TimeMeter> time) {
        RateLimitProperties.Redis redis = properties.redis();
        TimeMeter clock = time.getIfUnique(() -> TimeMeter.SYSTEM_NANOTIME);
        if (redis.uri() == null || redis.uri().isBlank()) {
            return RateLimits.inMemory(properties.policies(), clock);
        }
        return RateLimits.redis(properties.policies(), redisUri(redis.uri()), redis.timeout(), redis.failMode(), meters.getIfAvailable(),
                clock);
    }

    @Bean
    @ConditionalOnMissingBean(RateLimitGate.class)
    RateLimitGate fedbffRateLimitGate(CallerKeyResolver callers, RateLimiter limiter, ObjectProvider<MeterRegistry> meters) {
        return new dev.fedbff.gateway.observe.MeteredRateLimitGate(RateLimits.gate(callers, limiter), ObservabilityConfiguration.registry(meters));
    }

    private static RedisURI redisUri(String text) {
        try {
            return RedisURI.create(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException("fedbff.rate-limit.redis.uri", text.replaceAll("//[^@/]*@", "//***@"),
                    "expected redis://host:port, e.g. redis://127.0.0.1:6379 (" + e.getMessage() + ")");
        }
    }
}
