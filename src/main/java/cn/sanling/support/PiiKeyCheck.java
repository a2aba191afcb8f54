package cn.sanling.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses a start with a {@code SANLING_PII_KEY} other than the one the database's party data is encrypted with.
 * Such a node started (logging only that the masked parties of old cases could not be written), answered 500 for
 * every old case, exported an empty 台账, and encrypted new parties with the wrong key, so that after a restart with
 * the right one those cases failed instead (the upgrade audit).
 *
 * <p>The first start of a database with this check encrypts a known value into {@code pii_key_check} (V26); every
 * later start must decrypt it. A database from before the check is first tested on its oldest and newest party. Runs
 * after the migrations (it reads through JdbcTemplate, which waits for them) and before the node serves anything or
 * loads demo data.
 */
@Component
class PiiKeyCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PiiKeyCheck.class);
    static final String KNOWN = "sanling-pii-key-check";
    private static final String REFUSED = "SANLING_PII_KEY (sanling.pii.key) is not the key this database's party data "
            + "was encrypted with; start with that key. Nothing was written.";

    private final JdbcTemplate jdbc;
    private final PiiCipher pii;
    private final Clock clock;

    PiiKeyCheck(JdbcTemplate jdbc, PiiCipher pii, Clock clock) {
        this.jdbc = jdbc;
        this.pii = pii;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> check = jdbc.queryForList("SELECT check_enc FROM pii_key_check WHERE id = 1", String.class);
        if (!check.isEmpty()) {
            requireKnown(check.get(0));
            return;
        }
        // a database from before this check: its parties say which key it has
        for (String order : List.of("ASC", "DESC")) {
            jdbc.queryForList("SELECT name_enc FROM dispute_party ORDER BY id " + order + " LIMIT 1", String.class)
                    .forEach(this::decrypted);
        }
        try {
            jdbc.update("INSERT INTO pii_key_check (id, check_enc, created_at) VALUES (1, ?, ?)", pii.encrypt(KNOWN),
                    Timestamp.from(clock.instant()));
            log.info("Recorded a check of SANLING_PII_KEY: a later start with another key is refused");
        } catch (DuplicateKeyException anotherNode) {
            requireKnown(jdbc.queryForObject("SELECT check_enc FROM pii_key_check WHERE id = 1", String.class));
        }
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
