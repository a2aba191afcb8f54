package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestArea;
import cn.sanling.testing.TestUsers;

/**
 * The ledger's 当事人 kept masked on the case row (V18): written at intake in party order; a case reported before V18
 * (the column empty) shows the same in the ledger, from its parties' rows, and the back-fill writes it the same as
 * the intake would have.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaskedPartiesApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MaskedPartiesBackfill backfill;

    TestArea area;

    @BeforeAll
    void area() throws InterruptedException {
        area = TestArea.inTownship(api, users, "411202004", 3);
        backfill.awaitStartupRun();
    }

    @Test
    void intake_writes_the_masked_parties_in_party_order_and_never_a_name() {
        long id = area.report().party("欧阳 娜娜", null, null, "OTHER").file();

        String stored = masked(id);

        assertThat(stored).isEqualTo("APPLICANT 张* RESPONDENT 李* OTHER 欧****");
        assertThat(area.ledgerLine(id)).contains(",张*（申请人）、李*（被申请人）、欧****（其他）,");
    }

    @Test
    void a_case_from_before_v18_shows_the_same_and_the_backfill_writes_what_intake_would_have() {
        long older = area.report().title("宅基地边界").party("欧阳娜娜", null, null, "OTHER").file();
        long other = area.report().title("噪音").file();
        String written = masked(older);
        String line = area.ledgerLine(older);
        jdbc.update("UPDATE dispute SET parties_masked = NULL WHERE id IN (?, ?)", older, other);

        assertThat(area.ledgerLine(older)).as("decrypted and masked from the parties' rows").isEqualTo(line);

        MaskedPartiesBackfill.Filled filled = backfill.fillMissing();

        assertThat(filled.written()).isGreaterThanOrEqualTo(2);
        assertThat(filled.failed()).isZero();
        assertThat(masked(older)).isEqualTo(written).isEqualTo("APPLICANT 张* RESPONDENT 李* OTHER 欧***");
        assertThat(masked(other)).isEqualTo("APPLICANT 张* RESPONDENT 李*");
        assertThat(area.ledgerLine(older)).isEqualTo(line);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE parties_masked IS NULL", Long.class))
                .isZero();
    }

    @Test
    void a_case_whose_party_will_not_decrypt_is_skipped_and_the_rest_written() {
        long broken = area.report().file();
        long fine = area.report().file();
        String written = masked(fine);
        String brokenWritten = masked(broken);
        String nameEnc = jdbc.queryForObject("SELECT name_enc FROM dispute_party WHERE dispute_id = ? AND role = "
                + "'RESPONDENT'", String.class, broken);
        jdbc.update("UPDATE dispute SET parties_masked = NULL WHERE id IN (?, ?)", broken, fine);
        jdbc.update("UPDATE dispute_party SET name_enc = ? WHERE dispute_id = ? AND role = 'RESPONDENT'",
                "bm90IGEgY2lwaGVydGV4dCBhdCBhbGwsIGp1c3QgdGV4dA==", broken);
        try {
            MaskedPartiesBackfill.Filled filled = backfill.fillMissing();

            assertThat(filled.failed()).isEqualTo(1);
            assertThat(masked(broken)).isNull();
            assertThat(masked(fine)).isEqualTo(written);
        } finally {
            jdbc.update("UPDATE dispute_party SET name_enc = ? WHERE dispute_id = ? AND role = 'RESPONDENT'", nameEnc,
                    broken);
            jdbc.update("UPDATE dispute SET parties_masked = ? WHERE id = ?", brokenWritten, broken);
        }
    }

    @Test
    void the_backfill_is_done_once_per_database_and_leaves_a_written_value_alone() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM data_load WHERE name = ?", Long.class,
                MaskedPartiesBackfill.JOB)).as("marked done after the start-up's run").isEqualTo(1);
        long id = area.report().file();
        jdbc.update("UPDATE dispute SET parties_masked = ? WHERE id = ?", "APPLICANT 王*", id);

        backfill.fillMissing();

        assertThat(masked(id)).isEqualTo("APPLICANT 王*");
    }

    private String masked(long id) {
        return jdbc.queryForObject("SELECT parties_masked FROM dispute WHERE id = ?", String.class, id);
    }
}
