package io.sluice.firehose.config;

import io.sluice.common.account.Caller;
import io.sluice.endpoint.CallerScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of what the Firehose concepts share: the caller. */
@Configuration(proxyBeanMethods = false)
class FirehoseConfiguration {

    /** Every request is served as the configured account and region until access keys map to accounts. */
    @Bean
    CallerScope callerScope(FirehoseProperties properties) {
        return new CallerScope(new Caller(properties.accountId(), properties.region()));
    }
}
