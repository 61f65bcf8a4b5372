package io.sluice.gateway.auth;

import io.sluice.gateway.GatewaySettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's authentication: its access keys (configuration and credentials file) and the verifier. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuthConfiguration.class);

    @Bean
    AccessKeys accessKeys(GatewaySettings settings) {
        List<AccessKey> keys = new ArrayList<>();
        settings.auth().credentials().forEach(credential -> keys.add(credential.accessKey()));
        if (settings.auth().credentialsFile() != null) {
            keys.addAll(CredentialsFile.read(settings.auth().credentialsFile()));
        }
        ConfiguredAccessKeys configured = new ConfiguredAccessKeys(keys);
        log.info("Authentication is {} with {} access key(s)", settings.auth().mode().name().toLowerCase(java.util.Locale.ROOT),
                configured.size());
        return configured;
    }

    /** Verification reads the gateway's clock: a test may replace it with one it moves. */
    @Bean
    Authentication authentication(AccessKeys keys, GatewaySettings settings, ObjectProvider<Clock> clock) {
        return new Authentication(new SignatureVerifier(keys, settings.auth().mode(), clock.getIfAvailable(Clock::systemUTC)),
                settings.maxRequestSize().toBytes());
    }
}
