package io.sluice.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code docker/Dockerfile}, read instruction by instruction (continuation lines joined). */
record Dockerfile(List<Instruction> instructions) {
    static final String PATH = "docker/Dockerfile";

    record Instruction(String stage, String keyword, String arguments) {
    }

    static Dockerfile read() {
        List<Instruction> instructions = new ArrayList<>();
        String stage = "";
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(PATH).split("\n")) {
            if (current.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            String keyword = text.split("\\s+", 2)[0].toUpperCase();
            String arguments = text.substring(keyword.length()).strip();
            if (keyword.equals("FROM")) {
                Matcher as = Pattern.compile("(?i)\\s+AS\\s+(\\S+)$").matcher(arguments);
                stage = as.find() ? as.group(1) : "";
            }
            instructions.add(new Instruction(stage, keyword, arguments));
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    List<Instruction> in(String stage, String keyword) {
        return all(keyword).stream().filter(i -> i.stage().equals(stage)).toList();
    }

    /** The build arguments declared before the first FROM, with their defaults. */
    Map<String, String> globalArguments() {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                break;
            }
            if (instruction.keyword().equals("ARG") && instruction.arguments().contains("=")) {
                String[] parts = instruction.arguments().split("=", 2);
                arguments.put(parts[0], parts[1]);
            }
        }
        return arguments;
    }

    /** The {@code ENV} values of a stage, {@code NAME=value} pairs (quoted values unquoted). */
    Map<String, String> environment(String stage) {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher pair = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher("");
        for (Instruction instruction : in(stage, "ENV")) {
            pair.reset(instruction.arguments());
            while (pair.find()) {
                environment.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return environment;
    }

    /** The port the images' management endpoints (health, Prometheus) listen on. */
    int managementPort() {
        return Integer.parseInt(environment("service").get("MANAGEMENT_SERVER_PORT"));
    }

    /** The numeric user the images run as. */
    int user() {
        List<Instruction> users = in("service", "USER");
        return Integer.parseInt(users.get(users.size() - 1).arguments().split(":")[0]);
    }
}
