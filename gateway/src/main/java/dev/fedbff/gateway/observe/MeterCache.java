package dev.fedbff.gateway.observe;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one name by their tag values, each built once: a request then finds its timer or counter by one hash
 * lookup on a small key, instead of sorting a new set of tags and looking the meter up in the registry every time.
 * The tag values are bounded where they are made (surfaces, route ids, bounded operation names, status codes), so
 * the cache holds no more meters than the registry does.
 */
final class MeterCache<K, M> {

    private final ConcurrentHashMap<K, M> meters = new ConcurrentHashMap<>();
    private final Function<K, M> create;

    MeterCache(Function<K, M> create) {
        this.create = create;
    }

    M get(K key) {
        M meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, create);
    }
}
