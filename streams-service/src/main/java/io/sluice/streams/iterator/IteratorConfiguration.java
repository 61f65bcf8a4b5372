package io.sluice.streams.iterator;

import io.sluice.streams.config.StreamsProperties;
import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The iterator signing key lives in PostgreSQL, made once by whichever instance starts first, so
 * that every instance accepts every other's iterators and they survive a restart.
 */
@Configuration(proxyBeanMethods = false)
class IteratorConfiguration {
    private static final String KEY_NAME = "shard-iterator-hmac";

    @Bean
    ShardIteratorCodec shardIteratorCodec(JdbcClient jdbc, StreamsProperties properties) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("INSERT INTO service_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                .params(KEY_NAME, fresh)
                .update();
        byte[] key = jdbc.sql("SELECT value FROM service_secret WHERE name = ?").param(KEY_NAME).query(byte[].class).single();
        return new ShardIteratorCodec(key, properties.limits().iteratorTtl());
    }
}
