package io.sluice.analytics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** KDA's functions with the SQL Reference's own examples. */
class KdaFunctionsTest {

    @Test
    void charToTimestampReadsFieldsByPositionAsTheReferenceShows() {
        TimeFunctions.CharToTimestamp parse = new TimeFunctions.CharToTimestamp();
        assertThat(parse.eval("yyyy-MM-dd", "2009-09-16 03:15:24")).isEqualTo(LocalDateTime.of(2009, 9, 16, 0, 0));
        assertThat(parse.eval("MM/dd/yy hh:mm:ss", "09/16/11 03:15:24")).isEqualTo(LocalDateTime.of(2011, 9, 16, 3, 15, 24));
        assertThat(parse.eval("yyyy-hh-mm", "2009-09-16 03:15:24")).isEqualTo(LocalDateTime.of(2009, 1, 1, 9, 16));
        assertThat(parse.eval("yyyy", "09-16 03:15")).isEqualTo(LocalDateTime.of(9, 1, 1, 0, 0));
        assertThat(parse.eval("yyyy-MM-dd", "not a date")).isNull();
        assertThat(new TimeFunctions.CharToDate().eval("dd.MM.yyyy", "16.09.2009")).isEqualTo(LocalDate.of(2009, 9, 16));
        assertThat(new TimeFunctions.CharToTime().eval("HH:mm", "21:05")).isEqualTo(LocalTime.of(21, 5));
    }

    @Test
    void timesFormatAndCountInMilliseconds() {
        LocalDateTime time = LocalDateTime.of(2024, 2, 29, 13, 4, 5, 6_000_000);
        assertThat(new TimeFunctions.TimestampToChar().eval("yyyy-MM-dd HH:mm:ss.SSS", time)).isEqualTo("2024-02-29 13:04:05.006");
        assertThat(new TimeFunctions.TimestampToChar().eval("yyyy", null)).isEqualTo("null");
        assertThat(new TimeFunctions.DateToChar().eval("MMM d, yyyy", LocalDate.of(2024, 2, 29))).isEqualTo("Feb 29, 2024");
        long millis = new TimeFunctions.UnixTimestamp().eval(time);
        assertThat(millis).isEqualTo(1_709_211_845_006L);
        assertThat(new TimeFunctions.ToTimestamp().eval(millis)).isEqualTo(time);
        assertThat(new TimeFunctions.Tsdiff().eval(1_000L, 1_250L)).isEqualTo(250L);
        assertThat(new TimeFunctions.Tsdiff().eval(time, time.plusSeconds(2))).isEqualTo(2_000L);
        assertThat(new TimeFunctions.Tsdiff().eval((Long) null, 5L)).isNull();
    }

    @Test
    void regexReplaceStartsAtItsPositionAndReplacesAllOrTheNthMatch() {
        TextFunctions.RegexReplace replace = new TextFunctions.RegexReplace();
        assertThat(replace.eval("TECHNOLOGY", "TECHNOLOGY", "INFORMATION TECHNOLOGY", 1, 0)).isEqualTo("INFORMATION TECHNOLOGY");
        assertThat(replace.eval("a-a-a", "a", "b", 1, 2)).isEqualTo("a-b-a");
        assertThat(replace.eval("aaaa", "a", "b", 3, 0)).isEqualTo("aabb");
        assertThat(replace.eval("key=1 key=2", "key=(\\d)", "k$1", 1, 0)).isEqualTo("k1 k2");
        assertThat(replace.eval("short", "s", "S", 9, 0)).isEqualTo("short");
        assertThat(replace.eval("x", "x", "y", 0, 0)).isNull();
        assertThat(replace.eval(null, "x", "y", 1, 0)).isNull();
        // What would fail a job on every row is NULL instead: a regex that does not compile, a replacement naming no group.
        assertThat(replace.eval("abc", "(", "y", 1, 0)).isNull();
        assertThat(replace.eval("abc", "b", "$", 1, 0)).isNull();
        assertThat(replace.eval("abc", "b", "$2", 1, 0)).isNull();
        assertThat(new TimeFunctions.TimestampToChar().eval("q", LocalDateTime.of(2024, 1, 1, 0, 0))).isNull();
        assertThat(new TextFunctions.RegexLogParse().eval("abc", "(")).isNull();
    }

    @Test
    void logParsersGiveAColumnPerGroupOrSpecifier() {
        Row parsed = new TextFunctions.RegexLogParse().eval("ENERGY", ".*([E].).*([R].*)");
        assertThat(parsed).isEqualTo(Row.of("EN", "RGY"));
        assertThat(new TextFunctions.RegexLogParse().eval("abc", "(\\d+)")).isNull();
        Row common = new TextFunctions.W3cLogParse().eval(
                "192.168.254.30 - John [24/May/2004:22:01:02 -0700] \"GET /icons/apache_pb.gif HTTP/1.1\" 304 0", "COMMON");
        assertThat(common).isEqualTo(Row.of("192.168.254.30", "-", "John", "[24/May/2004:22:01:02 -0700]", "GET /icons/apache_pb.gif HTTP/1.1",
                "304", "0"));
        assertThat(TextFunctions.w3c("NCSA EXTENDED").matcher("").groupCount()).isEqualTo(9);
        assertThat(new TextFunctions.W3cLogParse().eval("http://a.example/x ---> /index.html", "REFERER"))
                .isEqualTo(Row.of("http://a.example/x", "/index.html"));
        assertThat(new TextFunctions.W3cLogParse().eval("not a log line", "COMMON")).isNull();
    }
}
