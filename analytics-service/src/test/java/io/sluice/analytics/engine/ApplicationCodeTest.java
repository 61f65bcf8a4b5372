package io.sluice.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.analytics.application.Application;
import io.sluice.analytics.code.SqlStatements;
import io.sluice.analytics.application.Shapes.DestinationSchema;
import io.sluice.analytics.application.Shapes.OutputDescription;
import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationCodeTest {

    private static Application withCode(String code) {
        Application.Configuration parts = new Application.Configuration(List.of(), List.of(new OutputDescription("1.1", "DEST", null, null, null,
                new DestinationSchema("JSON"))), List.of(), List.of());
        return new Application(new Caller("000000000000", "us-east-1"), "app", "READY", 1, Instant.EPOCH, Instant.EPOCH, null, code, parts,
                Map.of());
    }

    @Test
    void statementsSplitAtSemicolonsOutsideStringsIdentifiersAndComments() {
        List<SqlStatements.Statement> statements = SqlStatements.split("""
                -- a comment; not a statement
                CREATE VIEW v AS SELECT 'a;b' AS s, `odd;name` FROM t;
                /* block;
                   comment */ INSERT INTO DEST
                SELECT "x;y" FROM v;
                """);
        assertThat(statements).extracting(SqlStatements.Statement::text).containsExactly(
                "CREATE VIEW v AS SELECT 'a;b' AS s, `odd;name` FROM t", "INSERT INTO DEST\nSELECT \"x;y\" FROM v");
        assertThat(statements).extracting(SqlStatements.Statement::line).containsExactly(2, 4);
    }

    @Test
    void codeThatCannotRunIsRefusedNamingItsLine() {
        ApplicationJob.check(withCode("CREATE TEMPORARY VIEW v AS SELECT * FROM SOURCE_SQL_STREAM_001; INSERT INTO `DEST` SELECT * FROM v"));
        assertThatThrownBy(() -> ApplicationJob.check(withCode("\nINSERT INTO OTHER SELECT 1")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_APPLICATION_CONFIGURATION);
                    assertThat(e.getMessage()).contains("line 2").contains("no output named OTHER");
                });
        assertThatThrownBy(() -> ApplicationJob.check(withCode("DROP TABLE t; INSERT INTO DEST SELECT 1")))
                .isInstanceOf(AwsException.class).hasMessageContaining("only CREATE VIEW");
        assertThatThrownBy(() -> ApplicationJob.check(withCode("CREATE VIEW v AS SELECT 1")))
                .isInstanceOf(AwsException.class).hasMessageContaining("writes no output");
    }

    @Test
    void outputPartitionKeysAreTheMd5OfTheData() {
        assertThat(StreamOutput.partitionKey("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }
}
