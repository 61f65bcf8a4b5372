package io.sluice.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's Prometheus metrics as Prometheus scrapes them ({@code /actuator/prometheus} on its port). */
final class Metrics {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** {@code name{labels} value}, the exposition format's sample line. */
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

    private Metrics() {
    }

    static String scrape(PlatformService service) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + Platform.get().port(service) + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("/actuator/prometheus answered " + response.statusCode());
        }
        return response.body();
    }

    /** The sum of the samples of {@code name} whose labels include {@code label} (e.g. {@code StreamName="orders"}); null when there are none. */
    static Double sum(PlatformService service, String name, String label) throws Exception {
        Matcher sample = SAMPLE.matcher(scrape(service));
        Double sum = null;
        while (sample.find()) {
            if (sample.group(1).equals(name) && sample.group(2) != null && sample.group(2).contains(label)) {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }

    /** How many series of {@code name} carry {@code label}. */
    static long series(PlatformService service, String name, String label) throws Exception {
        Matcher sample = SAMPLE.matcher(scrape(service));
        long n = 0;
        while (sample.find()) {
            if (sample.group(1).equals(name) && sample.group(2) != null && sample.group(2).contains(label)) {
                n++;
            }
        }
        return n;
    }
}
