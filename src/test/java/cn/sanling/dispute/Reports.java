package cn.sanling.dispute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test data builder for the body of POST /api/v1/disputes; defaults give a valid 交口村 第1网格 neighbour dispute. */
final class Reports {

    /** Checksum-valid ID numbers (GB 11643) for test parties. */
    static final String ID_ZHANG = "11010519491231002X";
    static final String ID_LI = "411202198505051231";

    private final Map<String, Object> body = new HashMap<>();
    private final List<Map<String, Object>> parties = new ArrayList<>();

    private Reports() {
        body.put("title", "宅基地边界纠纷");
        body.put("description", "两户因宅基地界址发生争执。");
        body.put("categoryCode", "NEIGHBOUR");
        body.put("subCategoryCode", "NEIGHBOUR_HOMESTEAD");
        body.put("gridCode", "411202201200001");
        body.put("source", "VISIT");
        body.put("parties", parties);
    }

    static Reports neighbourDispute() {
        return new Reports().party("张三", ID_ZHANG, "13812345678", "APPLICANT").party("李四", null, null, "RESPONDENT");
    }

    static Reports withoutParties() {
        return new Reports();
    }

    Reports party(String name, String idNumber, String phone, String role) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        p.put("idNumber", idNumber);
        p.put("phone", phone);
        p.put("role", role);
        parties.add(p);
        return this;
    }

    Reports with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    Reports without(String field) {
        body.remove(field);
        return this;
    }

    Reports flags(String... flags) {
        body.put("riskFlags", List.of(flags));
        return this;
    }

    Reports inGrid(String gridCode) {
        body.put("gridCode", gridCode);
        return this;
    }

    Map<String, Object> json() {
        return body;
    }

    /** An action body: {@code action(ACCEPT)}, {@code action(RESOLVE, "agreementType", "WRITTEN", ...)}. */
    static Map<String, Object> action(String action, Object... fields) {
        Map<String, Object> m = new HashMap<>();
        m.put("action", action);
        for (int i = 0; i < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        return m;
    }
}
