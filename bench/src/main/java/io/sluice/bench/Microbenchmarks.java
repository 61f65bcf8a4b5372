package io.sluice.bench;

import io.sluice.bench.jmh.HotPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs the JMH microbenchmarks and writes their scores to {@code docs/benchmarks/jmh.md}. */
final class Microbenchmarks {
    private Microbenchmarks() {
    }

    static void run(Path out, Map<String, String> environment) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(HotPaths.class.getName()).build()).run();
        StringBuilder md = new StringBuilder("# Sluice JMH microbenchmarks\n\n");
        md.append("Written by `./bench/run --jmh`: 3 warm-up and 5 measured iterations of 1 s in one fork; ")
                .append("on 2 shared cores the error is wide, so read the scores as orders of magnitude.\n\n");
        environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n| benchmark | format | ops/s | ± (99.9 %) |\n|---|---|---|---|\n");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            md.append(String.format("| %s | %s | %,.0f | %,.0f |%n", name.substring(name.lastIndexOf('.') + 1),
                    result.getParams().getParam("format"), result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()));
        }
        md.append("\n`routePartitionKey`, `encodeSequenceNumber` and `decodeSequenceNumber` do not depend on the format: ")
                .append("their two rows measure the same code twice. The codec rows are per 500-record request or response ")
                .append("(1 KiB records): multiply by 500 for records/s.\n");
        Files.writeString(out.resolve("jmh.md"), md.toString());
    }
}
