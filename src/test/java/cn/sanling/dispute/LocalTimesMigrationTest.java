package cn.sanling.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.sanling.SanlingApplication;
import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.LaterMigrations;
import cn.sanling.testing.OwnInstall;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * A database a version from before 2026-12-06 filled on a server in China time holds its DATETIMEs as China wall-clock
 * times; this version reads them as UTC. The upgrade audit's upgraded node showed cases reported eight hours in the
 * future and an audit chain broken at its first entry. Migration 27 finds the zone by the newest audit entry and moves
 * the times to UTC. A MySQL/MariaDB matter: the embedded H2 never changed zones.
 */
class LocalTimesMigrationTest {

    @Test
    void times_an_older_version_wrote_in_china_time_read_right_after_the_upgrade() throws Exception {
        assumeTrue(TestDatabase.current() == TestDatabase.MARIADB, "the UTC connections are MySQL/MariaDB's");
        String database = TestDatabase.mariadbDatabase() + "_localtimes";
        String url = TestDatabase.MARIADB.url().replace("/" + TestDatabase.mariadbDatabase() + "?", "/" + database
                + "?");
        try (Connection server = DriverManager.getConnection(TestDatabase.MARIADB_SERVER_URL, "root", "");
                Statement s = server.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
            try {
                // a node as those versions wrote: DATETIMEs in the machine's zone (named here, it was the JVM's)
                long id;
                long rejected;
                Instant reported;
                Instant due;
                try (ConfigurableApplicationContext old = start(url
                        + "&connectionTimeZone=Asia/Shanghai")) {
                    ApiResponse r = OwnInstall.api(old).as("gw_jiaokou").post("/api/v1/disputes", Map.of("title",
                            "凌晨报告", "description", "两户争吵", "categoryCode", "NEIGHBOUR", "gridCode",
                            "411202201200001", "source", "VISIT", "parties", List.of(Map.of("name", "张三", "role",
                                    "APPLICANT"))));
                    assertThat(r.status()).as("%s", r).isEqualTo(201);
                    id = r.json().get("id").asLong();
                    reported = Instant.parse(r.json().get("reportedAt").asString());
                    due = Instant.parse(r.json().get("dueAt").asString());
                    ApiResponse other = OwnInstall.api(old).as("gw_jiaokou").post("/api/v1/disputes", Map.of("title",
                            "三月底的报告", "description", "两户争吵", "categoryCode", "NEIGHBOUR", "gridCode",
                            "411202201200001", "source", "VISIT", "parties", List.of(Map.of("name", "李四", "role",
                                    "APPLICANT"))));
                    rejected = other.json().get("id").asLong();
                    assertThat(OwnInstall.api(old).as("med_jiaokou").post("/api/v1/disputes/" + rejected
                            + "/actions", Map.of("action", "REJECT", "reason", "不属于调解范围")).status()).isEqualTo(200);
                }
                try (Statement db = server.createStatement()) {
                    try (ResultSet stored = db.executeQuery("SELECT reported_at FROM " + database + ".dispute "
                            + "WHERE id = " + id)) {
                        assertThat(stored.next()).isTrue();
                        assertThat(stored.getObject(1, LocalDateTime.class)).as("China wall-clock time, as written")
                                .isEqualTo(LocalDateTime.ofInstant(reported, ZoneId.of("Asia/Shanghai")));
                    }
                    // reported at 20:00 on 31 March, China time, as those versions stored it
                    db.execute("UPDATE " + database + ".dispute SET reported_at = '2026-03-31 20:00:00' WHERE id = "
                            + rejected);
                    // the database as it was before V27 (the statistics' counts were taken at the time of the
                    // report, and V14 counted an older database's cases by their unmoved times in the same way)
                    // (the later ones are applied again after it)
                    db.execute("DELETE FROM " + database + ".flyway_schema_history "
                            + "WHERE CAST(version AS UNSIGNED) >= 27");
                    LaterMigrations.undoOnMariaDb(db, database);
                }

                try (ConfigurableApplicationContext upgraded = start(url)) {
                    TestApi api = OwnInstall.api(upgraded);
                    JsonNode c = api.as("gw_jiaokou").get("/api/v1/disputes/" + id).json();
                    assertThat(Instant.parse(c.get("reportedAt").asString())).isEqualTo(reported);
                    assertThat(Instant.parse(c.get("dueAt").asString())).isEqualTo(due);
                    JsonNode verify = api.as("auditor").get("/api/v1/audit/verify").json();
                    assertThat(verify.get("valid").asBoolean()).as("%s", verify).isTrue();
                    // Flowable's timer (a TIMESTAMP, taken by this server in UTC from China wall-clock time) is
                    // due when the case says, not eight hours later
                    String process = upgraded.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                            "SELECT process_instance_id FROM dispute WHERE id = ?", String.class, id);
                    Instant timer = upgraded.getBean(org.flowable.engine.ManagementService.class).createTimerJobQuery()
                            .processInstanceId(process).singleResult().getDuedate().toInstant();
                    assertThat(timer).isBetween(due.minusSeconds(1), due.plusSeconds(1));
                    // counted where the times put it once moved: 31 March
                    for (String month : List.of("03", "04")) {
                        JsonNode stats = api.as("sup_hubin").get("/api/v1/stats/summary?regionCode=411202201200"
                                + "&from=2026-" + month + "-01&to=2026-" + month + "-" + (month.equals("03") ? 31 : 30))
                                .json();
                        assertThat(stats.get("total").asInt()).as("month %s: %s", month, stats)
                                .isEqualTo(month.equals("03") ? 1 : 0);
                    }
                }
            } finally {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(SanlingApplication.class).profiles("test").run(
                "--spring.datasource.url=" + url, "--spring.datasource.username=root",
                "--spring.datasource.password=", "--spring.datasource.driver-class-name=com.mysql.cj.jdbc.Driver",
                "--server.port=0");
    }
}
