package io.sluice.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import org.junit.jupiter.api.Test;

class AccessTest {
    private static final String STREAM_A = "arn:aws:kinesis:us-east-1:111122223333:stream/orders";
    private static final Policy READ_ONLY = Policy.parse("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kinesis:Get*", "kinesis:Describe*",
             "kinesis:List*"], "Resource": "arn:aws:kinesis:*:111122223333:stream/*"}]}""");

    private static Principal principal(String account, Policy policy) {
        return new Principal(account, Principal.arnOf(account, "AKID" + account), policy);
    }

    private static ErrorCode refusal(Runnable check) {
        try {
            check.run();
            return null;
        } catch (AwsException e) {
            return e.code();
        }
    }

    @Test
    void actionsMatchWildcardsWithoutCaseAndResourcesWithCase() {
        assertThat(READ_ONLY.evaluate("kinesis:GetRecords", STREAM_A, null)).isEqualTo(Policy.Decision.ALLOW);
        assertThat(READ_ONLY.evaluate("kinesis:getshardIterator", STREAM_A, null)).isEqualTo(Policy.Decision.ALLOW);
        assertThat(READ_ONLY.evaluate("kinesis:PutRecord", STREAM_A, null)).isEqualTo(Policy.Decision.NONE);
        assertThat(READ_ONLY.evaluate("kinesis:GetRecords", STREAM_A.replace("orders", "Orders"), null)).isEqualTo(Policy.Decision.ALLOW);
        assertThat(READ_ONLY.evaluate("kinesis:GetRecords", "arn:aws:kinesis:us-east-1:444455556666:stream/orders", null))
                .isEqualTo(Policy.Decision.NONE);
        assertThat(Policy.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kinesis:Put?ecord\", \"Resource\": \"*\"}}")
                .evaluate("kinesis:PutRecord", STREAM_A, null)).isEqualTo(Policy.Decision.ALLOW);
    }

    @Test
    void anExplicitDenyWinsOverAnyAllow() {
        Policy policy = Policy.parse("""
                {"Statement": [{"Effect": "Allow", "Action": "kinesis:*", "Resource": "*"},
                               {"Effect": "Deny", "Action": "kinesis:DeleteStream", "Resource": "*"}]}""");
        assertThat(policy.evaluate("kinesis:PutRecords", STREAM_A, null)).isEqualTo(Policy.Decision.ALLOW);
        assertThatThrownBy(() -> Access.check(principal("111122223333", policy), "kinesis:DeleteStream", STREAM_A, "111122223333", null))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessage("User: arn:aws:iam::111122223333:user/AKID111122223333 is not authorized to perform: kinesis:DeleteStream on "
                        + "resource: " + STREAM_A + " with an explicit deny in an identity-based policy");
    }

    @Test
    void aReadOnlyKeyCannotWriteInItsOwnAccount() {
        Principal reader = principal("111122223333", READ_ONLY);
        assertThatCode(() -> Access.check(reader, "kinesis:GetRecords", STREAM_A, "111122223333", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Access.check(reader, "kinesis:PutRecord", STREAM_A, "111122223333", null))
                .hasMessageEndingWith("because no identity-based policy allows the kinesis:PutRecord action");
    }

    @Test
    void acrossAccountsTheResourcePolicyMustGrantTheActionToThePrincipal() {
        Principal other = principal("444455556666", null);
        assertThatThrownBy(() -> Access.check(other, "kinesis:GetRecords", STREAM_A, "111122223333", null))
                .hasMessageEndingWith("because no resource-based policy allows the kinesis:GetRecords action");
        Policy grant = Policy.parse("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                  "Action": "kinesis:GetRecords", "Resource": "%s"}]}""".formatted(STREAM_A));
        assertThatCode(() -> Access.check(other, "kinesis:GetRecords", STREAM_A, "111122223333", grant)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.check(other, "kinesis:PutRecord", STREAM_A, "111122223333", grant))).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(refusal(() -> Access.check(principal("777788889999", null), "kinesis:GetRecords", STREAM_A, "111122223333", grant)))
                .as("another account than the one granted").isEqualTo(ErrorCode.ACCESS_DENIED);
        Policy writerOnly = Policy.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kinesis:PutRecord\", \"Resource\": \"*\"}}");
        assertThat(refusal(() -> Access.check(principal("444455556666", writerOnly), "kinesis:GetRecords", STREAM_A, "111122223333", grant)))
                .as("the principal's own policy must allow it too").isEqualTo(ErrorCode.ACCESS_DENIED);
    }

    @Test
    void conditionsAreNotEvaluatedSoTheyNeverAllowAndAlwaysDeny() {
        Policy conditional = Policy.parse("""
                {"Statement": [{"Effect": "Allow", "Action": "kinesis:*", "Resource": "*",
                  "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""");
        assertThat(conditional.evaluate("kinesis:PutRecord", STREAM_A, null)).isEqualTo(Policy.Decision.NONE);
        Policy conditionalDeny = Policy.parse("""
                {"Statement": [{"Effect": "Deny", "Action": "kinesis:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""");
        assertThat(conditionalDeny.evaluate("kinesis:PutRecord", STREAM_A, null)).isEqualTo(Policy.Decision.DENY);
    }

    @Test
    void malformedPoliciesAreRefused() {
        assertThatThrownBy(() -> Policy.parse("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> Policy.parse("{\"Statement\": [{\"Effect\": \"Maybe\", \"Action\": \"*\"}]}")).hasMessageContaining("Allow or Deny");
        assertThatThrownBy(() -> Policy.parse("{\"Version\": \"2012-10-17\"}")).hasMessageContaining("Statement");
    }
}
