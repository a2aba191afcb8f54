package cn.sanling.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refuses a start with a {@code SANLING_PII_KEY} other than the one the database's party data is encrypted with.
 * Such a node started (logging only that the masked parties of old cases could not be written), answered 500 for
 * every old case, exported an empty 台账, and encrypted new parties with the wrong key, so that after a restart with
 * the right one those cases failed instead (the upgrade audit).
 *
 * <p>A Flyway callback: before the migrations, the key must decrypt the value it encrypted at the database's first
 * start ({@code pii_key_check}, V26), or, in a database from before that, its oldest and newest party; after them,
 * a database without the value gets it. So a refused node has migrated nothing and written nothing.
 */
@Component
class PiiKeyCheck implements Callback {

    private static final Logger log = LoggerFactory.getLogger(PiiKeyCheck.class);
    static final String KNOWN = "sanling-pii-key-check";
    private static final String REFUSED = "SANLING_PII_KEY (sanling.pii.key) is not the key this database's party data "
            + "was encrypted with; start with that key. Nothing was written.";

    private final PiiCipher pii;
    private final Clock clock;

    PiiKeyCheck(PiiCipher pii, Clock clock) {
        this.pii = pii;
        this.clock = clock;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public String getCallbackName() {
        return "pii-key-check";
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            if (event == Event.BEFORE_MIGRATE) {
                check(context.getConnection());
            } else {
                record(context.getConnection());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The check of SANLING_PII_KEY could not read the database", e);
        }
    }

    private void check(Connection c) throws SQLException {
        List<String> check = strings(c, "SELECT check_enc FROM pii_key_check WHERE id = 1");
        if (!check.isEmpty()) {
            requireKnown(check.get(0));
            return;
        }
        // a database from before this check: its parties say which key it has
        for (String order : List.of("ASC", "DESC")) {
            for (String name : strings(c, "SELECT name_enc FROM dispute_party ORDER BY id " + order + " LIMIT 1")) {
                decrypted(name);
            }
        }
    }

    private void record(Connection c) throws SQLException {
        if (!strings(c, "SELECT check_enc FROM pii_key_check WHERE id = 1").isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO pii_key_check (id, check_enc, created_at) VALUES (1, ?, ?)")) {
            p.setString(1, pii.encrypt(KNOWN));
            p.setTimestamp(2, Timestamp.from(clock.instant()));
            p.executeUpdate();
            log.info("Recorded a check of SANLING_PII_KEY: a later start with another key is refused");
        } catch (SQLIntegrityConstraintViolationException anotherNode) {
            requireKnown(strings(c, "SELECT check_enc FROM pii_key_check WHERE id = 1").get(0));
        }
    }

    /** The first column of a query's rows; none when its table does not exist yet (a new database). */
    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
                throw e;
            }
            // 42S02 (MySQL), 42S02/42102 (H2): no such table
        }
        return values;
    }

    private void requireKnown(String encrypted) {
        if (!KNOWN.equals(decrypted(encrypted))) {
            throw new Misconfiguration(REFUSED);
        }
    }

    private String decrypted(String encrypted) {
        try {
            return pii.decrypt(encrypted);
        } catch (IllegalStateException wrongKey) {
            throw new Misconfiguration(REFUSED, wrongKey);
        }
    }
}
