package io.sluice.gateway.auth;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.common.crypto.MasterKey;
import io.sluice.gateway.GatewaySettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's authentication: its access keys (configuration, credentials file, store) and the verifier. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuthConfiguration.class);

    /** The keys of the configuration and credentials file, or, with a store, the store's (seeded with those). */
    @Bean
    AccessKeys accessKeys(GatewaySettings settings) {
        List<AccessKey> keys = new ArrayList<>();
        settings.auth().credentials().forEach(credential -> keys.add(credential.accessKey()));
        if (settings.auth().credentialsFile() != null) {
            keys.addAll(CredentialsFile.read(settings.auth().credentialsFile()));
        }
        String mode = settings.auth().mode().name().toLowerCase(java.util.Locale.ROOT);
        GatewaySettings.Store store = settings.auth().store();
        if (!store.configured()) {
            ConfiguredAccessKeys configured = new ConfiguredAccessKeys(keys);
            log.info("Authentication is {} with {} access key(s)", mode, configured.size());
            return configured;
        }
        HikariDataSource pool = pool(store);
        try {
            AccessKeyTable table = new AccessKeyTable(pool, new MasterKey(store.masterKey(), "sluice.gateway.auth.store.master-key"));
            StoredAccessKeys stored = new StoredAccessKeys(table, keys, store.refreshInterval(), pool);
            log.info("Authentication is {} with {} access key(s) from the store ({} written from the configuration)", mode,
                    stored.size(), keys.size());
            return stored;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(GatewaySettings.Store store) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("access-key-store");
        config.setJdbcUrl(store.url());
        config.setUsername(store.username());
        config.setPassword(store.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /** Verification reads the gateway's clock: a test may replace it with one it moves. */
    @Bean
    Authentication authentication(AccessKeys keys, GatewaySettings settings, ObjectProvider<Clock> clock) {
        return new Authentication(new SignatureVerifier(keys, settings.auth().mode(), clock.getIfAvailable(Clock::systemUTC)),
                settings.maxRequestSize().toBytes());
    }
}
