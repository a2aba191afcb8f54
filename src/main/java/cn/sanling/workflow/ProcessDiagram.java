package cn.sanling.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.Gateway;
import org.flowable.bpmn.model.GraphicInfo;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

import cn.sanling.account.Actor;
import cn.sanling.dispute.DisputeQueryService;

/**
 * The process diagram of a case as SVG, drawn from the BPMN diagram interchange (DI) of bpmn/dispute.bpmn20.xml:
 * the current step(s) highlighted, the steps already passed shaded. Access follows the case (404 out of scope).
 */
@Service
public class ProcessDiagram {

    private static final String CURRENT = "#f29900";
    private static final String PASSED = "#dff0d8";

    private final DisputeQueryService disputes;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final RepositoryService repository;

    ProcessDiagram(DisputeQueryService disputes, RuntimeService runtime, HistoryService history,
            RepositoryService repository) {
        this.disputes = disputes;
        this.runtime = runtime;
        this.history = history;
        this.repository = repository;
    }

    /** The SVG of the case's process; 404 if the case is not visible to the actor. */
    public String svg(Actor actor, long caseId) {
        disputes.get(actor, caseId);
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(Long.toString(caseId)).processDefinitionKey(FlowableCaseProcess.PROCESS_KEY)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
        BpmnModel model;
        Set<String> current = new HashSet<>();
        Set<String> passed = new HashSet<>();
        Set<String> flows = new HashSet<>();
        if (instance == null) {
            model = repository.getBpmnModel(repository.createProcessDefinitionQuery()
                    .processDefinitionKey(FlowableCaseProcess.PROCESS_KEY).latestVersion().singleResult().getId());
        } else {
            model = repository.getBpmnModel(instance.getProcessDefinitionId());
            List<HistoricActivityInstance> acts = history.createHistoricActivityInstanceQuery()
                    .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc().list();
            for (HistoricActivityInstance a : acts) {
                if ("sequenceFlow".equals(a.getActivityType())) {
                    flows.add(a.getActivityId());
                } else if (a.getEndTime() == null) {
                    current.add(a.getActivityId());
                } else {
                    passed.add(a.getActivityId());
                }
            }
            if (instance.getEndTime() == null) {
                current.addAll(runtime.getActiveActivityIds(instance.getId()));
            } else if (instance.getEndActivityId() != null) {
                current.add(instance.getEndActivityId());
            }
            // a timer waiting on a task is not a step someone is at
            current.removeIf(id -> model.getFlowElement(id) instanceof BoundaryEvent);
        }
        return render(model, current, passed, flows);
    }

    static String render(BpmnModel model, Set<String> current, Set<String> passed, Set<String> flows) {
        double maxX = 0, maxY = 0;
        for (GraphicInfo g : model.getLocationMap().values()) {
            maxX = Math.max(maxX, g.getX() + g.getWidth());
            maxY = Math.max(maxY, g.getY() + g.getHeight());
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(n(maxX + 40)).append(' ')
                .append(n(maxY + 40)).append("\" width=\"").append(n(maxX + 40)).append("\" height=\"")
                .append(n(maxY + 40)).append("\" font-family=\"Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif\"")
                .append(" font-size=\"12\" role=\"img\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\"")
                .append(" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/>")
                .append("</marker></defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        for (Map.Entry<String, List<GraphicInfo>> e : model.getFlowLocationMap().entrySet()) {
            List<GraphicInfo> points = e.getValue();
            if (points == null || points.size() < 2) {
                continue;
            }
            boolean taken = flows.contains(e.getKey());
            List<String> xy = new ArrayList<>();
            points.forEach(p -> xy.add(n(p.getX()) + "," + n(p.getY())));
            svg.append("<polyline data-flow=\"").append(esc(e.getKey())).append("\" points=\"")
                    .append(String.join(" ", xy)).append("\" fill=\"none\" stroke=\"").append(taken ? "#2c7a3a" : "#888")
                    .append("\" stroke-width=\"").append(taken ? "2" : "1.2").append("\" marker-end=\"url(#arrow)\"/>\n");
            FlowElement f = model.getFlowElement(e.getKey());
            if (f instanceof SequenceFlow s && s.getName() != null && !s.getName().isBlank()) {
                GraphicInfo mid = points.get(points.size() / 2);
                GraphicInfo before = points.get(points.size() / 2 - 1);
                svg.append("<text x=\"").append(n((mid.getX() + before.getX()) / 2 + 4)).append("\" y=\"")
                        .append(n((mid.getY() + before.getY()) / 2 - 4)).append("\" fill=\"#555\" font-size=\"11\">")
                        .append(esc(s.getName())).append("</text>\n");
            }
        }
        // tasks and gateways first, boundary timers on top of their task
        List<Map.Entry<String, GraphicInfo>> shapes = new ArrayList<>(model.getLocationMap().entrySet());
        shapes.sort((a, b) -> Boolean.compare(model.getFlowElement(a.getKey()) instanceof BoundaryEvent,
                model.getFlowElement(b.getKey()) instanceof BoundaryEvent));
        for (Map.Entry<String, GraphicInfo> e : shapes) {
            FlowElement el = model.getFlowElement(e.getKey());
            if (el == null || el instanceof SequenceFlow) {
                continue;
            }
            GraphicInfo g = e.getValue();
            boolean isCurrent = current.contains(el.getId());
            String fill = isCurrent ? "#fff3cd" : passed.contains(el.getId()) ? PASSED : "#fff";
            String stroke = isCurrent ? CURRENT : "#333";
            String width = isCurrent ? "4" : "1.5";
            String attrs = " fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"" + width + "\"";
            svg.append("<g data-element=\"").append(esc(el.getId())).append('"')
                    .append(isCurrent ? " class=\"current\"" : passed.contains(el.getId()) ? " class=\"passed\"" : "")
                    .append('>');
            double cx = g.getX() + g.getWidth() / 2, cy = g.getY() + g.getHeight() / 2;
            String name = el.getName() == null ? "" : el.getName();
            if (el instanceof Event ev) {
                double r = g.getWidth() / 2;
                boolean end = el instanceof EndEvent;
                svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                        .append('"').append(attrs.replace("stroke-width=\"1.5\"", "stroke-width=\"" + (end ? 3 : 1.5) + "\""))
                        .append("/>");
                if (ev.getEventDefinitions().stream().anyMatch(d -> d instanceof TimerEventDefinition)) {
                    svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"")
                            .append(n(r - 4)).append("\" fill=\"none\" stroke=\"#333\"/>")
                            .append("<path d=\"M").append(n(cx)).append(',').append(n(cy - r + 7)).append(" L")
                            .append(n(cx)).append(',').append(n(cy)).append(" L").append(n(cx + r - 9)).append(',')
                            .append(n(cy)).append("\" stroke=\"#333\" fill=\"none\"/>");
                }
                if (!name.isEmpty()) {
                    svg.append(text(cx, g.getY() + g.getHeight() + 14, name, 11));
                }
            } else if (el instanceof Gateway) {
                svg.append("<polygon points=\"").append(n(cx)).append(',').append(n(g.getY())).append(' ')
                        .append(n(g.getX() + g.getWidth())).append(',').append(n(cy)).append(' ').append(n(cx)).append(',')
                        .append(n(g.getY() + g.getHeight())).append(' ').append(n(g.getX())).append(',').append(n(cy))
                        .append('"').append(attrs).append("/>");
                if (!name.isEmpty()) {
                    svg.append(text(cx, g.getY() - 6, name, 11));
                }
            } else {
                svg.append("<rect x=\"").append(n(g.getX())).append("\" y=\"").append(n(g.getY())).append("\" width=\"")
                        .append(n(g.getWidth())).append("\" height=\"").append(n(g.getHeight()))
                        .append("\" rx=\"10\"").append(attrs).append("/>");
                svg.append(text(cx, cy + 4, name, 13));
            }
            svg.append("<title>").append(esc(name.isEmpty() ? el.getId() : name)).append("</title></g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String text(double x, double y, String s, int size) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"middle\" font-size=\"" + size + "\">" + esc(s)
                + "</text>";
    }

    private static String n(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
