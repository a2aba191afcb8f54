package cn.sanling.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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
 * The ledger's 调解员 and 回访 are kept on the case row (V12) by the dispute module in the transaction of the action:
 * the mediator is whoever took the last ACCEPT or RESOLVE, 回访 the answers of the last follow-up. After every step
 * of a case that is accepted, escalated, accepted again a level up, resolved, reopened by a follow-up, resolved again
 * and closed, the columns equal what the timeline says (the sub-queries the ledger used before) and the ledger shows
 * them.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerCaseColumnsTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;
    @Autowired
    JdbcTemplate jdbc;

    TestArea area;
    String townshipMediator;

    @BeforeAll
    void area() {
        area = TestArea.inTownship(api, users, "411202004", 2);
        TestUsers.TestUser u = users.mediator(area.township).displayName("乡镇调解员甲").create();
        api.login(u.username(), u.password());
        townshipMediator = u.username();
    }

    @Test
    void mediator_and_follow_up_follow_every_accept_resolve_and_follow_up() throws Exception {
        long id = area.report().title("宅基地边界").file();
        assertColumns(id, null, null, null);

        area.act(area.villageMediator, id, "ACCEPT");
        assertColumns(id, area.villageMediator, null, null);

        area.act(area.villageMediator, id, "ESCALATE", "reason", "村级调解未果");
        assertColumns(id, area.villageMediator, null, null);

        area.act(townshipMediator, id, "ACCEPT");
        assertColumns(id, townshipMediator, null, null);
        assertThat(area.ledgerLine(id)).contains(",乡镇级,乡镇调解员甲,调解中,");

        resolve(townshipMediator, id);
        assertColumns(id, townshipMediator, null, null);

        area.act(area.gridWorker, id, "FOLLOW_UP", "fulfilled", false, "satisfied", false, "note", "未按期拆除");
        assertColumns(id, townshipMediator, false, false);
        assertThat(area.ledgerLine(id)).contains(",乡镇调解员甲,调解中,书面,未履行，不满意,");

        resolve(townshipMediator, id);
        area.act(area.gridWorker, id, "FOLLOW_UP", "fulfilled", true, "satisfied", true);
        assertColumns(id, townshipMediator, true, true);
        assertThat(area.ledgerLine(id)).contains(",乡镇调解员甲,已结案,书面,已履行，满意,");
    }

    @Test
    void a_case_never_accepted_has_neither() throws Exception {
        long id = area.report().title("噪音").file();
        area.act(area.villageMediator, id, "REJECT", "reason", "不属于调解范围");
        assertColumns(id, null, null, null);
        String[] cells = area.ledgerLine(id).split(",", -1);
        assertThat(cells[6]).isEmpty();
        assertThat(cells[9]).isEmpty();
    }

    /**
     * 纠纷简况 is the title and the description, cut to 200 characters with an ellipsis; the database sends no more of
     * the description than that (LEFT in SQL counts characters, Java UTF-16 units: a description of characters outside
     * the basic plane is cut the same).
     */
    @Test
    void the_summary_is_cut_to_200_characters_whatever_the_description_holds() throws Exception {
        String plain = "甲".repeat(3000);
        String astral = "𠀀".repeat(1500); // U+20000, two UTF-16 units each
        String shortOne = "乙".repeat(150);
        for (String description : List.of(plain, astral, shortOne)) {
            long id = area.report().title("长文").description(description).file();
            String full = "长文：" + description;
            String expected = full.length() > 200 ? full.substring(0, 199) + "…" : full;

            assertThat(area.ledgerLine(id).split(",", -1)[4]).isEqualTo(expected);
        }
    }

    private void resolve(String mediator, long id) {
        area.act(mediator, id, "RESOLVE", "agreementType", "WRITTEN", "agreementText", "张三于本月底前拆除越界围墙。",
                "fulfilment", "IMMEDIATE");
    }

    /** The columns, and that they equal what the timeline and follow-up rows say. */
    private void assertColumns(long id, String mediator, Boolean fulfilled, Boolean satisfied) {
        Map<String, Object> row = jdbc.queryForMap("SELECT mediator, follow_up_fulfilled, follow_up_satisfied "
                + "FROM dispute WHERE id = ?", id);
        assertThat(row.get("mediator")).isEqualTo(mediator);
        assertThat(bool(row.get("follow_up_fulfilled"))).isEqualTo(fulfilled);
        assertThat(bool(row.get("follow_up_satisfied"))).isEqualTo(satisfied);
        List<String> lastActor = jdbc.queryForList("SELECT actor FROM dispute_event WHERE id = (SELECT MAX(id) "
                + "FROM dispute_event WHERE dispute_id = ? AND action IN ('ACCEPT', 'RESOLVE'))", String.class, id);
        assertThat(lastActor.isEmpty() ? null : lastActor.get(0)).isEqualTo(mediator);
        List<Map<String, Object>> last = jdbc.queryForList("SELECT fulfilled, satisfied FROM follow_up WHERE id = "
                + "(SELECT MAX(id) FROM follow_up WHERE dispute_id = ?)", id);
        assertThat(last.isEmpty() ? null : bool(last.get(0).get("fulfilled"))).isEqualTo(fulfilled);
        assertThat(last.isEmpty() ? null : bool(last.get(0).get("satisfied"))).isEqualTo(satisfied);
    }

    private static Boolean bool(Object v) {
        return v == null ? null : v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
    }
}
