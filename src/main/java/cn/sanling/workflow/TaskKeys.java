package cn.sanling.workflow;

import java.util.Map;

/** The user tasks of the process as the case API names them (ACCEPT, MEDIATE, FOLLOW_UP) and as the BPMN does. */
final class TaskKeys {

    private static final Map<String, String> BPMN = Map.of("ACCEPT", "accept", "MEDIATE", "mediate",
            "FOLLOW_UP", "followUp");
    private static final Map<String, String> API = Map.of("accept", "ACCEPT", "mediate", "MEDIATE",
            "followUp", "FOLLOW_UP");

    private TaskKeys() {
    }

    static String definitionKey(String task) {
        String key = BPMN.get(task);
        if (key == null) {
            throw new IllegalArgumentException("unknown task " + task);
        }
        return key;
    }

    static String apiName(String definitionKey) {
        return API.get(definitionKey);
    }
}
