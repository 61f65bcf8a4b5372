package io.sluice.local;

import static io.sluice.local.StrictPlatform.ACCOUNT_A;
import static io.sluice.local.StrictPlatform.ACCOUNT_B;
import static io.sluice.local.StrictPlatform.OWNER_A;
import static io.sluice.local.StrictPlatform.OWNER_B;
import static io.sluice.local.StrictPlatform.READER_A;
import static io.sluice.local.StrictPlatform.endpoint;
import static io.sluice.local.StrictPlatform.key;
import static io.sluice.local.StrictPlatform.kinesis;
import static io.sluice.local.StrictPlatform.sign;
import static io.sluice.local.StrictPlatform.streamArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.KinesisStreams;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Accounts and policies behind a strict gateway ({@link StrictPlatform}): each key's account has its
 * own resources (one name is two streams, two delivery streams or two applications, with two ARNs)
 * and cannot see another's; a read-only key reads but cannot put; a resource policy grants one
 * action across accounts and nothing more; the REST API is authorized as the AWS operations it
 * stands for; STS names a key's account and principal.
 */
@ExtendWith(StrictPlatform.PerClass.class)
class AccessPoliciesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReadOnlyKeyReadsButCannotPutRecord() {
        try (KinesisClient owner = kinesis(true, OWNER_A); KinesisClient reader = kinesis(false, READER_A)) {
            owner.createStream(b -> b.streamName("acct-read").shardCount(1));
            KinesisStreams.awaitActive(owner, "acct-read");
            owner.putRecord(b -> b.streamName("acct-read").partitionKey("k").data(SdkBytes.fromUtf8String("by the owner")));
            assertThat(reader.describeStreamSummary(b -> b.streamName("acct-read")).streamDescriptionSummary().streamARN())
                    .isEqualTo(streamArn(ACCOUNT_A, "acct-read"));
            assertThat(KinesisStreams.shardRecords(reader, "acct-read", "shardId-000000000000")).containsExactly("by the owner");
            assertThatThrownBy(() -> reader.putRecord(b -> b.streamName("acct-read").partitionKey("k").data(SdkBytes.fromUtf8String("no"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + ACCOUNT_A
                                + ":user/AKIDACCOUNTAREADER1 is not authorized to perform: kinesis:PutRecord on resource: "
                                + streamArn(ACCOUNT_A, "acct-read") + " because no identity-based policy allows the kinesis:PutRecord action");
                    });
            assertThat(KinesisStreams.shardRecords(owner, "acct-read", "shardId-000000000000")).containsExactly("by the owner");
        }
    }


    @Test
    void eachKeysAccountHasItsOwnResourcesAndCannotSeeAnothers() {
        try (KinesisClient a = kinesis(true, OWNER_A); KinesisClient b = kinesis(true, OWNER_B);
                FirehoseClient firehoseA = AwsClients.firehose(endpoint(), OWNER_A);
                FirehoseClient firehoseB = AwsClients.firehose(endpoint(), OWNER_B);
                KinesisAnalyticsClient analyticsA = AwsClients.analytics(endpoint(), OWNER_A);
                KinesisAnalyticsClient analyticsB = AwsClients.analytics(endpoint(), OWNER_B)) {
            a.createStream(r -> r.streamName("acct-same-name").shardCount(1));
            b.createStream(r -> r.streamName("acct-same-name").shardCount(2));
            KinesisStreams.awaitActive(a, "acct-same-name");
            KinesisStreams.awaitActive(b, "acct-same-name");
            assertThat(a.describeStreamSummary(r -> r.streamName("acct-same-name")).streamDescriptionSummary().openShardCount()).isEqualTo(1);
            assertThat(b.describeStreamSummary(r -> r.streamName("acct-same-name")).streamDescriptionSummary().openShardCount()).isEqualTo(2);
            assertThat(b.describeStreamSummary(r -> r.streamName("acct-same-name")).streamDescriptionSummary().streamARN())
                    .isEqualTo(streamArn(ACCOUNT_B, "acct-same-name"));
            b.createStream(r -> r.streamName("acct-only-b").shardCount(1));
            assertThat(a.listStreams().streamNames()).contains("acct-same-name").doesNotContain("acct-only-b");
            assertThatThrownBy(() -> b.describeStreamSummary(r -> r.streamARN(streamArn(ACCOUNT_A, "acct-same-name"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).endsWith(
                                "because no resource-based policy allows the kinesis:DescribeStreamSummary action");
                    });
            firehoseA.createDeliveryStream(r -> r.deliveryStreamName("acct-delivery").extendedS3DestinationConfiguration(d -> d
                    .roleARN("arn:aws:iam::" + ACCOUNT_A + ":role/firehose").bucketARN("arn:aws:s3:::acct-lake")));
            assertThat(firehoseA.listDeliveryStreams().deliveryStreamNames()).contains("acct-delivery");
            assertThat(firehoseB.listDeliveryStreams().deliveryStreamNames()).doesNotContain("acct-delivery");
            firehoseB.createDeliveryStream(r -> r.deliveryStreamName("acct-delivery").extendedS3DestinationConfiguration(d -> d
                    .roleARN("arn:aws:iam::" + ACCOUNT_B + ":role/firehose").bucketARN("arn:aws:s3:::acct-lake-b")));
            for (var account : Map.of(ACCOUNT_A, firehoseA, ACCOUNT_B, firehoseB).entrySet()) {
                var described = account.getValue().describeDeliveryStream(r -> r.deliveryStreamName("acct-delivery")).deliveryStreamDescription();
                assertThat(described.deliveryStreamARN())
                        .isEqualTo("arn:aws:firehose:us-east-1:" + account.getKey() + ":deliverystream/acct-delivery");
            }
            analyticsA.createApplication(r -> r.applicationName("acct-app").applicationDescription("A's"));
            analyticsB.createApplication(r -> r.applicationName("acct-app").applicationDescription("B's"));
            for (var account : Map.of(ACCOUNT_A, analyticsA, ACCOUNT_B, analyticsB).entrySet()) {
                var described = account.getValue().describeApplication(r -> r.applicationName("acct-app")).applicationDetail();
                assertThat(described.applicationARN()).isEqualTo("arn:aws:kinesisanalytics:us-east-1:" + account.getKey() + ":application/acct-app");
            }
            assertThat(analyticsB.describeApplication(r -> r.applicationName("acct-app")).applicationDetail().applicationDescription())
                    .isEqualTo("B's");
        }
    }


    @Test
    void aResourcePolicyGrantsOneActionAcrossAccountsAndNothingMore() {
        try (KinesisClient a = kinesis(true, OWNER_A); KinesisClient b = kinesis(false, OWNER_B)) {
            a.createStream(r -> r.streamName("acct-granted").shardCount(1));
            KinesisStreams.awaitActive(a, "acct-granted");
            String arn = streamArn(ACCOUNT_A, "acct-granted");
            a.putResourcePolicy(r -> r.resourceARN(arn).policy("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"},
                      "Action": "kinesis:DescribeStreamSummary", "Resource": "%s"}]}""".formatted(ACCOUNT_B, arn)));
            assertThat(b.describeStreamSummary(r -> r.streamARN(arn)).streamDescriptionSummary().streamName()).isEqualTo("acct-granted");
            assertThatThrownBy(() -> b.putRecord(r -> r.streamARN(arn).partitionKey("k").data(SdkBytes.fromUtf8String("no"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"));
            assertThatThrownBy(() -> b.getShardIterator(r -> r.streamARN(arn).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"));
        }
    }


    @Test
    void theRestApiIsAuthorizedAsTheAwsOperations() throws Exception {
        try (KinesisClient owner = kinesis(true, OWNER_A)) {
            owner.createStream(b -> b.streamName("acct-rest").shardCount(1));
            KinesisStreams.awaitActive(owner, "acct-rest");
        }
        SignedRequests.Signed describe = sign(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint().resolve("/v1/streams/acct-rest"))
                .build(), null, "sluice", "AKIDACCOUNTAREADER1", r -> { });
        HttpResponse<String> described = describe.send();
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
        assertThat(JSON.readTree(described.body()).path("StreamDescriptionSummary").path("StreamARN").asText())
                .isEqualTo(streamArn(ACCOUNT_A, "acct-rest"));
        SignedRequests.Signed put = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/v1/streams/acct-rest/records"))
                .putHeader("Content-Type", "application/json").build(), "{\"PartitionKey\": \"k\", \"Data\": {\"n\": 1}}", "sluice",
                "AKIDACCOUNTAREADER1", r -> { });
        HttpResponse<String> refused = put.send();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("title").asText()).isEqualTo("AccessDeniedException");
        HttpResponse<String> otherAccount = sign(SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(endpoint().resolve("/v1/streams/acct-rest")).build(), null, "sluice", "AKIDACCOUNTBOWNER01", r -> { }).send();
        assertThat(otherAccount.statusCode()).as("account B has no stream of that name").isEqualTo(404);
    }


    /** A create over REST is authorized on the stream its body names; a page of ListShards on the stream its token names. */
    @Test
    void aStreamScopedPolicyCoversRestCreatesAndListShardsPages() throws Exception {
        String create = "{\"StreamName\": \"%s\", \"ShardCount\": 2}";
        HttpResponse<String> created = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/v1/streams"))
                .putHeader("Content-Type", "application/json").build(), create.formatted("team-one"), "sluice", "AKIDACCOUNTATEAMONLY", r -> { })
                .send();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> refused = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/v1/streams"))
                .putHeader("Content-Type", "application/json").build(), create.formatted("other-one"), "sluice", "AKIDACCOUNTATEAMONLY", r -> { })
                .send();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        try (KinesisClient team = kinesis(true, key("AKIDACCOUNTATEAMONLY"))) {
            var first = team.listShards(b -> b.streamName("team-one").maxResults(1));
            assertThat(first.nextToken()).isNotNull();
            assertThat(team.listShards(b -> b.nextToken(first.nextToken())).shards()).extracting(s -> s.shardId())
                    .containsExactly("shardId-000000000001");
        }
    }


    @Test
    void stsGetCallerIdentityNamesTheKeysAccountAndPrincipal() {
        try (StsClient sts = StsClient.builder().endpointOverride(endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(OWNER_A).build();
                StsClient stranger = StsClient.builder().endpointOverride(endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .credentialsProvider(AwsClients.CREDENTIALS).build()) {
            var identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(ACCOUNT_A);
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT_A + ":user/AKIDACCOUNTAOWNER01");
            assertThat(identity.userId()).isEqualTo("AKIDACCOUNTAOWNER01");
            assertThatThrownBy(stranger::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    /** Found by HostileInputIT: a known key's request is authorized before its members are validated. */
    @Test
    void aNameNoStreamCanHaveIsRefusedAsInvalidNotLookedUpForItsPolicy() throws Exception {
        for (String operation : java.util.List.of("AddTagsToStream", "DescribeStreamSummary", "PutRecord")) {
            HttpResponse<String> answer = sign(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint().resolve("/"))
                    .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "Kinesis_20131202." + operation)
                    .build(), "{\"StreamName\": \"\\u0000\"}", "kinesis", "AKIDACCOUNTAOWNER01", r -> { }).send();
            assertThat(answer.statusCode()).as(operation + ": " + answer.body()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("__type").asText()).as(operation).isIn("ValidationException",
                    "InvalidArgumentException");
        }
    }
}
