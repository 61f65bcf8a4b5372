package io.sluice.streams.subscription;

/** A consumer's subscription to one shard: Kinesis allows one at a time. */
record SubscriptionKey(String consumerArn, int shardIndex) {
}
