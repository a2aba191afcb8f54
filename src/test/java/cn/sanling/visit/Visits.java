package cn.sanling.visit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test data builder for the body of POST /api/v1/visits; defaults give a valid routine visit to a free address in
 * 交口村 第1网格 (the grid of gw_jiaokou).
 */
final class Visits {

    static final String JIAOKOU_GRID = "411202201200001";
    static final String JIAOKOU_VILLAGE = "411202201200";
    static final String FUCUN_GRID = "411202201201001";
    /** A checksum-valid ID number (GB 11643). */
    static final String ID_ZHANG = "11010519491231002X";

    private final Map<String, Object> body = new HashMap<>();

    private Visits() {
        body.put("gridCode", JIAOKOU_GRID);
        body.put("address", "交口村一组 8 号");
        body.put("kind", "ROUTINE");
        body.put("findings", "家庭和睦，无矛盾。");
    }

    static Visits routine() {
        return new Visits();
    }

    static Visits toHousehold(long householdId) {
        Visits v = new Visits();
        v.body.remove("address");
        v.body.put("householdId", householdId);
        return v;
    }

    /** A visit that found a neighbour hazard and reports it as a case with two parties. */
    static Visits withReportedHazard() {
        return new Visits().with("kind", "SCREENING").with("findings", "两户因排水沟堵塞争吵，情绪激动。")
                .with("hazard", true).with("categoryCode", "NEIGHBOUR").with("reportDispute", dispute());
    }

    /** The reportDispute part: the body of POST /api/v1/disputes, without where and source (the visit gives them). */
    static Map<String, Object> dispute(Map<String, Object>... parties) {
        Map<String, Object> d = new HashMap<>();
        d.put("title", "排水纠纷");
        d.put("description", "雨后排水沟堵塞，两户互相指责。");
        d.put("subCategoryCode", "NEIGHBOUR_DRAINAGE");
        List<Map<String, Object>> ps = new ArrayList<>(List.of(parties));
        if (ps.isEmpty()) {
            ps.add(party("王五", ID_ZHANG, "13912345678", "APPLICANT"));
            ps.add(party("赵六", null, null, "RESPONDENT"));
        }
        d.put("parties", ps);
        return d;
    }

    static Map<String, Object> party(String name, String idNumber, String phone, String role) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        p.put("idNumber", idNumber);
        p.put("phone", phone);
        p.put("role", role);
        return p;
    }

    Visits with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    Visits without(String field) {
        body.remove(field);
        return this;
    }

    Visits inGrid(String gridCode) {
        return with("gridCode", gridCode);
    }

    Map<String, Object> json() {
        return body;
    }
}
