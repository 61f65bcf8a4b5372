package io.sluice.gateway.auth;

import java.util.regex.Pattern;

/**
 * An access key the gateway knows: its secret, the account its requests are served as, and its
 * IAM-style policy document (JSON), if it has one.
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String accountId, String policy) {
    private static final Pattern KEY_ID = Pattern.compile("[\\w]{16,128}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** The longest policy document a key may have (IAM's managed policies: 6,144). */
    static final int MAX_POLICY_CHARS = 10_240;

    public AccessKey {
        if (accessKeyId == null || !KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException("An access key id is 16 to 128 letters, digits or underscores, not " + accessKeyId);
        }
        if (secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("Access key " + accessKeyId + " has no secret access key");
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("The account id of access key " + accessKeyId + " is 12 digits, not " + accountId);
        }
        if (policy != null) {
            if (policy.length() > MAX_POLICY_CHARS) {
                throw new IllegalArgumentException("The policy of access key " + accessKeyId + " is longer than " + MAX_POLICY_CHARS
                        + " characters");
            }
            try {
                io.sluice.common.access.Policy.parse(policy);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The policy of access key " + accessKeyId + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", account " + accountId + "]";
    }
}
