package io.sluice.analytics.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names of discovered columns as Kinesis Analytics makes them: a key that is a reserved word of
 * its SQL, holds characters other than letters, digits and underscores, starts with a digit or is
 * longer than 100 characters gets the prefix {@code COL_} with those characters dropped ({@code USER}
 * → {@code COL_USER}, {@code USER@DOMAIN} → {@code COL_USERDOMAIN}); one left with nothing is
 * {@code COL_<position>}. Case is kept. A name taken by an earlier column gets {@code _<n>}.
 */
final class ColumnNames {
    /** The SQL standard's reserved words, as KDA's SQL reserves them. */
    private static final Set<String> RESERVED = Set.of(("ABS ALL ALLOCATE ALTER AND ANY ARE ARRAY AS ASENSITIVE ASYMMETRIC AT ATOMIC "
            + "AUTHORIZATION AVG BEGIN BETWEEN BIGINT BINARY BLOB BOOLEAN BOTH BY CALL CALLED CARDINALITY CASCADED CASE CAST CEIL CEILING "
            + "CHAR CHARACTER CHARACTER_LENGTH CHAR_LENGTH CHECK CLOB CLOSE COALESCE COLLATE COLLECT COLUMN COMMIT CONDITION CONNECT "
            + "CONSTRAINT CONVERT CORR CORRESPONDING COUNT COVAR_POP COVAR_SAMP CREATE CROSS CUBE CUME_DIST CURRENT CURRENT_DATE "
            + "CURRENT_PATH CURRENT_ROLE CURRENT_ROW CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR CYCLE DATE DAY DEALLOCATE DEC "
            + "DECIMAL DECLARE DEFAULT DELETE DENSE_RANK DEREF DESCRIBE DETERMINISTIC DISALLOW DISCONNECT DISTINCT DOUBLE DROP DYNAMIC "
            + "EACH ELEMENT ELSE END END-EXEC ESCAPE EVERY EXCEPT EXEC EXECUTE EXISTS EXP EXPLAIN EXTERNAL EXTRACT FALSE FETCH FILTER "
            + "FIRST_VALUE FLOAT FLOOR FOR FOREIGN FREE FROM FULL FUNCTION FUSION GET GLOBAL GRANT GROUP GROUPING HAVING HOLD HOUR "
            + "IDENTITY IMPORT IN INDICATOR INNER INOUT INSENSITIVE INSERT INT INTEGER INTERSECT INTERSECTION INTERVAL INTO IS JOIN "
            + "LAG LANGUAGE LARGE LAST_VALUE LATERAL LEAD LEADING LEFT LIKE LIMIT LN LOCAL LOCALTIME LOCALTIMESTAMP LOWER MATCH MAX "
            + "MEMBER MERGE METHOD MIN MINUTE MOD MODIFIES MODULE MONTH MULTISET NATIONAL NATURAL NCHAR NCLOB NEW NO NONE NORMALIZE "
            + "NOT NULL NULLIF NUMERIC OCTET_LENGTH OF OLD ON ONLY OPEN OR ORDER OUT OUTER OVER OVERLAPS OVERLAY PARAMETER PARTITION "
            + "PERCENTILE_CONT PERCENTILE_DISC PERCENT_RANK POSITION POWER PRECISION PREPARE PRIMARY PROCEDURE RANGE RANK READS REAL "
            + "RECURSIVE REF REFERENCES REFERENCING RELEASE RESULT RETURN RETURNS REVOKE RIGHT ROLLBACK ROLLUP ROW ROWS ROWTIME ROW_NUMBER "
            + "SAVEPOINT SCOPE SCROLL SEARCH SECOND SELECT SENSITIVE SESSION_USER SET SIMILAR SMALLINT SOME SPECIFIC SPECIFICTYPE SQL "
            + "SQLEXCEPTION SQLSTATE SQLWARNING SQRT START STATIC STDDEV_POP STDDEV_SAMP STEP STREAM SUBMULTISET SUBSTRING SUM SYMMETRIC "
            + "SYSTEM SYSTEM_USER TABLE TABLESAMPLE THEN TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TINYINT TO TRAILING TRANSLATE "
            + "TRANSLATION TREAT TRIGGER TRIM TRUE UESCAPE UNION UNIQUE UNKNOWN UNNEST UPDATE UPPER USER USING VALUE VALUES VARBINARY "
            + "VARCHAR VARYING VAR_POP VAR_SAMP WHEN WHENEVER WHERE WIDTH_BUCKET WINDOW WITH WITHIN WITHOUT YEAR").split(" "));
    private static final int MAX_LENGTH = 100;

    private ColumnNames() {
    }

    /** SQL identifiers for keys, position by position, distinct (case-insensitively, as SQL compares them). */
    static List<String> identifiers(List<String> keys) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String name = identifier(keys.get(i), i);
            String unique = name;
            for (int n = 2; !taken.add(unique.toUpperCase(Locale.ROOT)); n++) {
                unique = name + "_" + n;
            }
            names.add(unique);
        }
        return names;
    }

    static String identifier(String key, int position) {
        String kept = key.replaceAll("[^A-Za-z0-9_]", "");
        boolean fine = kept.equals(key) && !key.isEmpty() && !Character.isDigit(key.charAt(0)) && key.length() <= MAX_LENGTH
                && !RESERVED.contains(key.toUpperCase(Locale.ROOT));
        if (fine) {
            return key;
        }
        if (kept.isEmpty()) {
            return "COL_" + position;
        }
        String name = "COL_" + kept;
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }
}
