package io.sluice.common.account;

import java.util.regex.Pattern;

/**
 * Who a request is served for: the account that owns the resources it names and the region they
 * live in, as they appear in ARNs.
 */
public record Caller(String accountId, String region) {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public Caller {
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("An account id is 12 digits, not " + accountId);
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("A region is required");
        }
    }
}
