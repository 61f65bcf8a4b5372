package io.sluice.firehose.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Hive column type as Glue tables declare them: the primitives ({@code boolean}, {@code tinyint},
 * {@code smallint}, {@code int}, {@code bigint}, {@code float}, {@code double},
 * {@code decimal(p,s)}, {@code string}, {@code varchar(n)}, {@code char(n)}, {@code binary},
 * {@code date}, {@code timestamp}) and {@code array<T>}, {@code map<K,V>}, {@code struct<a:T,…>}.
 *
 * @param kind the type's name (lower-case)
 * @param precision a decimal's precision, a varchar's or char's length; 0 otherwise
 * @param scale a decimal's scale
 * @param elements an array's element type, a map's key and value types
 * @param fields a struct's fields in order
 */
public record HiveType(String kind, int precision, int scale, List<HiveType> elements, Map<String, HiveType> fields) {
    private static final List<String> PRIMITIVES = List.of("boolean", "tinyint", "smallint", "int", "integer", "bigint", "float",
            "double", "string", "binary", "date", "timestamp");

    /** @throws IllegalArgumentException for what is not a Hive type */
    public static HiveType parse(String type) {
        Parser parser = new Parser(type.toLowerCase(Locale.ROOT).replace(" ", ""));
        HiveType parsed = parser.type();
        if (parser.position != parser.text.length()) {
            throw new IllegalArgumentException("unexpected '" + parser.text.substring(parser.position) + "'");
        }
        return parsed;
    }

    /** The type as Hive writes it ({@code struct<a:int,b:array<string>>}). */
    @Override
    public String toString() {
        return switch (kind) {
            case "decimal" -> "decimal(" + precision + "," + scale + ")";
            case "varchar", "char" -> kind + "(" + precision + ")";
            case "array" -> "array<" + elements.get(0) + ">";
            case "map" -> "map<" + elements.get(0) + "," + elements.get(1) + ">";
            case "struct" -> {
                List<String> parts = new ArrayList<>();
                fields.forEach((name, type) -> parts.add(name + ":" + type));
                yield "struct<" + String.join(",", parts) + ">";
            }
            default -> kind;
        };
    }

    private static final class Parser {
        final String text;
        int position;

        Parser(String text) {
            this.text = text;
        }

        HiveType type() {
            String name = word();
            switch (name) {
                case "array" -> {
                    expect('<');
                    HiveType element = type();
                    expect('>');
                    return new HiveType("array", 0, 0, List.of(element), Map.of());
                }
                case "map" -> {
                    expect('<');
                    HiveType key = type();
                    expect(',');
                    HiveType value = type();
                    expect('>');
                    return new HiveType("map", 0, 0, List.of(key, value), Map.of());
                }
                case "struct" -> {
                    expect('<');
                    Map<String, HiveType> fields = new LinkedHashMap<>();
                    do {
                        String field = word();
                        expect(':');
                        fields.put(field, type());
                    } while (accept(','));
                    expect('>');
                    return new HiveType("struct", 0, 0, List.of(), fields);
                }
                case "decimal" -> {
                    int precision = 10;
                    int scale = 0;
                    if (accept('(')) {
                        precision = Integer.parseInt(word());
                        if (accept(',')) {
                            scale = Integer.parseInt(word());
                        }
                        expect(')');
                    }
                    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                        throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") is out of range");
                    }
                    return new HiveType("decimal", precision, scale, List.of(), Map.of());
                }
                case "varchar", "char" -> {
                    expect('(');
                    int length = Integer.parseInt(word());
                    expect(')');
                    return new HiveType(name, length, 0, List.of(), Map.of());
                }
                default -> {
                    if (!PRIMITIVES.contains(name)) {
                        throw new IllegalArgumentException("unknown type " + name);
                    }
                    return new HiveType(name.equals("integer") ? "int" : name, 0, 0, List.of(), Map.of());
                }
            }
        }

        String word() {
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            if (start == position) {
                throw new IllegalArgumentException("a name was expected at " + start);
            }
            return text.substring(start, position);
        }

        void expect(char c) {
            if (!accept(c)) {
                throw new IllegalArgumentException("'" + c + "' was expected at " + position);
            }
        }

        boolean accept(char c) {
            if (position < text.length() && text.charAt(position) == c) {
                position++;
                return true;
            }
            return false;
        }
    }
}
