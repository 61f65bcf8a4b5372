package io.sluice.firehose.config;

import io.sluice.common.account.Caller;
import io.sluice.endpoint.CallerScope;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of what the Firehose concepts share: the clock and the caller. */
@Configuration(proxyBeanMethods = false)
class FirehoseConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every request is served as the configured account and region until access keys map to accounts. */
    @Bean
    CallerScope callerScope(FirehoseProperties properties) {
        return new CallerScope(new Caller(properties.accountId(), properties.region()));
    }
}
