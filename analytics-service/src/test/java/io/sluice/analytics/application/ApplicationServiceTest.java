package io.sluice.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.endpoint.CallerScope;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ListApplications over the in-memory twin of the store. */
class ApplicationServiceTest {
    private final Caller caller = new Caller("000000000000", "eu-west-1");
    private final MemoryApplicationStore store = new MemoryApplicationStore();
    private final ApplicationService service = new ApplicationService(store, new CallerScope(caller));

    @Test
    void summariesCarryTheArnOfTheCallersRegionAndPageByName() {
        store.create(new Application(caller, "b", "RUNNING", 1, Instant.now()));
        store.create(new Application(caller, "a", "READY", 1, Instant.now()));
        store.create(new Application(new Caller("000000000000", "us-east-1"), "other-region", "READY", 1, Instant.now()));
        ListApplicationsResponse first = service.list(new ListApplicationsRequest(1, null));
        assertThat(first.applicationSummaries()).containsExactly(new ListApplicationsResponse.ApplicationSummary(
                "a", "arn:aws:kinesisanalytics:eu-west-1:000000000000:application/a", "READY"));
        assertThat(first.hasMoreApplications()).isTrue();
        ListApplicationsResponse all = service.list(new ListApplicationsRequest(null, null));
        assertThat(all.applicationSummaries()).extracting(ListApplicationsResponse.ApplicationSummary::applicationName)
                .containsExactly("a", "b");
        assertThat(all.hasMoreApplications()).isFalse();
        assertThatThrownBy(() -> service.list(new ListApplicationsRequest(0, null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
    }
}
