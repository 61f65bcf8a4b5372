package io.sluice.analytics.code;

import java.util.ArrayList;
import java.util.List;

/**
 * Application code as its statements: split at semicolons that are not inside a string
 * ({@code '…'}), a quoted identifier ({@code "…"} or {@code `…`}) or a comment ({@code --} to the
 * end of the line, {@code /* … *}{@code /}), each kept with the line it starts on for error messages.
 */
public final class SqlStatements {

    /** @param line the 1-based line of the code where the statement starts */
    public record Statement(String text, int line) {
    }

    private SqlStatements() {
    }

    public static List<Statement> split(String code) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '-' && i + 1 < code.length() && code.charAt(i + 1) == '-') {
                int end = code.indexOf('\n', i);
                i = (end < 0 ? code.length() : end) - 1;
                continue;
            }
            if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                int stop = end < 0 ? code.length() : end + 2;
                line += (int) code.substring(i, stop).chars().filter(ch -> ch == '\n').count();
                i = stop - 1;
                current.append(' ');
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < code.length() && !(code.charAt(end) == c && (end + 1 >= code.length() || code.charAt(end + 1) != c))) {
                    end += code.charAt(end) == c ? 2 : 1;
                }
                String quoted = code.substring(i, Math.min(end + 1, code.length()));
                if (startLine < 0) {
                    startLine = line;
                }
                line += (int) quoted.chars().filter(ch -> ch == '\n').count();
                current.append(quoted);
                i = end;
                continue;
            }
            if (c == ';') {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            current.append(c);
        }
        add(statements, current, startLine);
        return statements;
    }

    /** A statement shortened to one line of at most 60 characters, for an error message. */
    public static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }

    private static void add(List<Statement> statements, StringBuilder text, int line) {
        String statement = text.toString().trim();
        if (!statement.isEmpty()) {
            statements.add(new Statement(statement, line));
        }
    }
}
