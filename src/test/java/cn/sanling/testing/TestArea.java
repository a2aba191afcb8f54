package cn.sanling.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A village of its own for one test class, with a grid worker, a village and a township mediator made for it, so
 * hand-counted figures (statistics, 三零, ledger) are not disturbed by cases other tests create elsewhere:
 * {@code TestArea.inTownship(api, users, "411202003", 0)}. Cases go through the real API.
 */
public final class TestArea {

    private final TestApi api;
    public final String township;
    public final String village;
    public final String villageName;
    public final String grid;
    public final String gridWorker;
    public final String villageMediator;
    public final String townshipMediator;

    private TestArea(TestApi api, TestUsers users, String township, JsonNode village, String grid) {
        this.api = api;
        this.township = township;
        this.village = village.get("code").asString();
        this.villageName = village.get("name").asString();
        this.grid = grid;
        this.gridWorker = login(users.gridWorker(grid).create());
        this.villageMediator = login(users.mediator(this.village).create());
        this.townshipMediator = login(users.mediator(township).create());
    }

    private String login(TestUsers.TestUser u) {
        api.login(u.username(), u.password());
        return u.username();
    }

    /** The {@code index}-th village of a township (by code) and its first grid. */
    public static TestArea inTownship(TestApi api, TestUsers users, String township, int index) {
        JsonNode village = children(api, township).get(index);
        JsonNode grid = children(api, village.get("code").asString()).get(0);
        return new TestArea(api, users, township, village, grid.get("code").asString());
    }

    public static List<JsonNode> children(TestApi api, String code) {
        ApiResponse r = api.as("sup_smx").get("/api/v1/regions/" + code + "/children");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        r.json().valueStream().forEach(list::add);
        return list;
    }

    /** A caller for a user of this area (test users have their own password). */
    public TestApi.Caller as(String username) {
        return username.startsWith("t_") ? api.as(username, TestUsers.PASSWORD) : api.as(username);
    }

    /** The case's line of this village's 台账 (CSV, as the county's supervisor sup_hubin exports it). */
    public String ledgerLine(long id) {
        String caseNo = as(gridWorker).get("/api/v1/disputes/" + id).json().get("caseNo").asString();
        ApiResponse r = api.as("sup_hubin").get("/api/v1/ledger?format=csv&regionCode=" + village);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return Arrays.stream(r.body().split("\r\n")).filter(l -> l.startsWith(caseNo + ",")).findFirst()
                .orElseThrow();
    }

    /** Starts a case report in this area's grid: a neighbour dispute between 张三 and 李四 unless changed. */
    public CaseBuilder report() {
        return new CaseBuilder();
    }

    /** Takes an action; fails the test unless it answers 200. */
    public JsonNode act(String user, long caseId, String action, Object... fields) {
        ApiResponse r = tryAct(user, caseId, action, fields);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    public ApiResponse tryAct(String user, long caseId, String action, Object... fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action);
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return as(user).post("/api/v1/disputes/" + caseId + "/actions", body);
    }

    /** Resolves an accepted (MEDIATING, village-level) case with a written agreement. */
    public void resolve(long caseId) {
        act(villageMediator, caseId, "RESOLVE", "agreementType", "WRITTEN", "agreementText",
                "张三于本月底前拆除越界围墙，李四放弃其他请求。", "fulfilment", "IMMEDIATE");
    }

    /** Accept, then resolve with a written agreement to be performed at once. */
    public void acceptAndResolve(long caseId, String agreementType) {
        act(villageMediator, caseId, "ACCEPT");
        act(villageMediator, caseId, "RESOLVE", "agreementType", agreementType, "agreementText",
                "张三于本月底前拆除越界围墙，李四放弃其他请求。", "fulfilment", "IMMEDIATE");
    }

    public final class CaseBuilder {

        private final Map<String, Object> body = new HashMap<>();
        private final List<Map<String, Object>> parties = new ArrayList<>();

        private CaseBuilder() {
            body.put("title", "宅基地边界纠纷");
            body.put("description", "两户因宅基地界址发生争执。");
            body.put("categoryCode", "NEIGHBOUR");
            body.put("gridCode", grid);
            body.put("source", "VISIT");
            body.put("parties", parties);
            party("张三", "11010519491231002X", "13812345678", "APPLICANT");
            party("李四", null, null, "RESPONDENT");
        }

        public CaseBuilder category(String code) {
            body.put("categoryCode", code);
            return this;
        }

        public CaseBuilder source(String source) {
            body.put("source", source);
            return this;
        }

        public CaseBuilder title(String title) {
            body.put("title", title);
            return this;
        }

        public CaseBuilder description(String description) {
            body.put("description", description);
            return this;
        }

        public CaseBuilder flags(String... flags) {
            body.put("riskFlags", List.of(flags));
            return this;
        }

        public CaseBuilder party(String name, String idNumber, String phone, String role) {
            Map<String, Object> p = new HashMap<>();
            p.put("name", name);
            p.put("idNumber", idNumber);
            p.put("phone", phone);
            p.put("role", role);
            parties.add(p);
            return this;
        }

        /** Reports as the area's grid worker; returns the case id. */
        public long file() {
            ApiResponse r = as(gridWorker).post("/api/v1/disputes", body);
            assertThat(r.status()).as("%s", r).isEqualTo(201);
            return r.json().get("id").asLong();
        }
    }
}
