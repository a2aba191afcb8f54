package cn.sanling.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Takes a 110 case of 交口村 through its life over the case API, as the village mediator {@code med_jiaokou} would.
 */
final class CaseFlow {

    static final String MEDIATOR = "med_jiaokou";

    private final TestApi api;
    private final PoliceClient police;

    CaseFlow(TestApi api, String policeSecret) {
        this.api = api;
        this.police = new PoliceClient(api.baseUrl(), policeSecret);
    }

    /** Sends the alert; answers the new case's id. */
    long alert(PoliceAlerts alert) {
        ApiResponse r = police.send(alert);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("caseId").asLong();
    }

    JsonNode accept(long id) {
        return act(id, action("ACCEPT"));
    }

    JsonNode resolve(long id) {
        return act(id, action("RESOLVE", "agreementType", "WRITTEN", "agreementText", "双方签订调解协议，男方书面保证不再动手。",
                "fulfilment", "IMMEDIATE"));
    }

    JsonNode followUp(long id, boolean fulfilled) {
        return act(id, action("FOLLOW_UP", "fulfilled", fulfilled, "satisfied", fulfilled, "note", "回访"));
    }

    JsonNode refer(long id, String referTo, String reason) {
        return act(id, action("REFER", "referTo", referTo, "reason", reason));
    }

    JsonNode act(long id, Map<String, Object> action) {
        ApiResponse r = api.as(MEDIATOR).post("/api/v1/disputes/" + id + "/actions", action);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    static Map<String, Object> action(String action, Object... fields) {
        Map<String, Object> m = new HashMap<>();
        m.put("action", action);
        for (int i = 0; i < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        return m;
    }
}
