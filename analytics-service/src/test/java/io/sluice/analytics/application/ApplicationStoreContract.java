package io.sluice.analytics.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.account.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every application store does, the JPA one on PostgreSQL and its in-memory twin alike. */
public abstract class ApplicationStoreContract {
    /** A fresh account per test, so that stores shared between tests start empty for it. */
    private final Caller owner = new Caller(String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L)), "us-east-1");

    protected abstract ApplicationStore store();

    private Application application(Caller caller, String name) {
        return new Application(caller, name, "READY", 1, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void createsOnceAndFindsByOwnerAndName() {
        Application app = application(owner, "top-pages");
        assertThat(store().create(app)).isTrue();
        assertThat(store().create(application(owner, "top-pages"))).as("same name again").isFalse();
        assertThat(store().find(owner, "top-pages")).contains(app);
        assertThat(store().find(new Caller(owner.accountId(), "eu-west-1"), "top-pages")).as("another region").isEmpty();
    }

    @Test
    void listsInNameOrderAfterAKeyAndWithinTheOwner() {
        for (String name : new String[] {"c", "a", "b"}) {
            store().create(application(owner, name));
        }
        store().create(application(new Caller(owner.accountId(), "eu-west-1"), "a2"));
        assertThat(store().list(owner, "", 10)).extracting(Application::name).containsExactly("a", "b", "c");
        assertThat(store().list(owner, "a", 1)).extracting(Application::name).containsExactly("b");
    }

    @Test
    void deletesWhatItHas() {
        store().create(application(owner, "gone"));
        assertThat(store().delete(owner, "gone")).isTrue();
        assertThat(store().delete(owner, "gone")).isFalse();
        assertThat(store().find(owner, "gone")).isEmpty();
    }

    @Test
    void keepsEveryPartAndChangesOneApplicationAtATime() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Shapes.SourceSchema schema = new Shapes.SourceSchema(new Shapes.RecordFormat("JSON",
                new Shapes.MappingParameters(new Shapes.JsonMappingParameters("$"), null)), "UTF-8",
                java.util.List.of(new Shapes.RecordColumn("TICKER", "$.ticker", "VARCHAR(4)")));
        Shapes.InputDescription input = ApplicationParts.describe("SOURCE_SQL_STREAM", "1.1", null,
                new Shapes.ResourceRole("arn:aws:kinesis:us-east-1:" + owner.accountId() + ":stream/in", "arn:aws:iam::000000000000:role/r"),
                null, schema, 2, new Shapes.InputStartingPositionConfiguration(null));
        Application full = new Application(owner, "full", "READY", 1, at, at, "counts", "CREATE STREAM s (a INT);",
                new Application.Configuration(java.util.List.of(input), java.util.List.of(), java.util.List.of(), java.util.List.of()),
                java.util.Map.of("team", "data"));
        store().create(full);
        assertThat(store().find(owner, "full")).contains(full);
        assertThat(store().find(owner, "full").orElseThrow().configuration().inputs().get(0).inAppStreamNames())
                .containsExactly("SOURCE_SQL_STREAM_001", "SOURCE_SQL_STREAM_002");

        Application running = store().update(owner, "full", a -> a.withStatus("RUNNING", at.plusSeconds(1))).orElseThrow();
        assertThat(running.status()).isEqualTo("RUNNING");
        assertThat(store().find(owner, "full")).contains(running);
        assertThat(store().update(owner, "missing", a -> a)).isEmpty();
        assertThat(store().count(owner)).isEqualTo(1);
        assertThat(store().withStatus(java.util.List.of("RUNNING"))).contains(running);
        assertThat(store().withStatus(java.util.List.of("STOPPING"))).doesNotContain(running);
    }
}
