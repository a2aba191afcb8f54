package cn.sanling.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import cn.sanling.account.AccountService;
import cn.sanling.account.Actor;
import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.dispute.DisputeQueryService;
import cn.sanling.dispute.TimelineWords;
import cn.sanling.dispute.Terms.AgreementType;
import cn.sanling.dispute.Terms.Fulfilment;
import cn.sanling.dispute.Views.AgreementEntry;
import cn.sanling.dispute.Views.CaseView;
import cn.sanling.dispute.Views.PartyView;
import cn.sanling.dispute.Views.TimelineEntry;
import cn.sanling.region.RegionService;
import cn.sanling.report.DocumentMapper.FollowUp;
import cn.sanling.report.DocumentMapper.Session;
import cn.sanling.support.ProblemException;

/**
 * The case documents as PDF (SPEC §3): the 调解协议书 with the contents Art. 35 of 人民调解工作若干规定 asks for, and the
 * whole 卷宗 (登记表, 调解笔录, 协议书, 回访记录, 司法确认, timeline).
 *
 * <p>Font: a CJK font is read at run time from the operating system (Debian's fonts-noto-cjk, SIL OFL 1.1, Noto
 * Serif CJK SC by default; see {@link DocumentProperties}) and embedded as a subset, so every PDF opens anywhere. No
 * font ships in the jar: a CJK font covering the characters people type is ~16 MB per style, and a small subset
 * would print blanks for uncommon names. Without a font the documents answer 503 with what to install.
 *
 * <p>Parties: a handler (mediator, grid worker) gets the names, ID numbers and phones in full, since the agreement
 * is printed for signing; each such reveal is audited through the dispute module. Others get the masked forms.
 */
@Service
public class CaseDocuments {

    private static final Logger log = LoggerFactory.getLogger(CaseDocuments.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(Period.ZONE);
    private static final String DEFAULT_COMMITTEE = "人民调解委员会";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Period.ZONE);

    private final DisputeQueryService disputes;
    private final DocumentMapper mapper;
    private final AuditLog audit;
    private final DocumentProperties properties;
    private final TimelineWords words;
    private final AccountService accounts;
    private final RegionService regions;
    private volatile BaseFont font;

    CaseDocuments(DisputeQueryService disputes, DocumentMapper mapper, AuditLog audit, DocumentProperties properties,
            TimelineWords words, AccountService accounts, RegionService regions) {
        this.accounts = accounts;
        this.regions = regions;
        this.disputes = disputes;
        this.mapper = mapper;
        this.audit = audit;
        this.properties = properties;
        this.words = words;
    }

    /**
     * 人民调解协议书 of the written agreement in force; 409 if there is none: not resolved yet, an oral agreement (the
     * 卷宗 records it), or one found not fulfilled while the case is mediated again.
     */
    public byte[] agreement(Actor actor, long caseId) {
        CaseView c = disputes.get(actor, caseId);
        AgreementEntry a = disputes.agreements(actor, caseId).stream().filter(AgreementEntry::inForce).findFirst()
                .orElseThrow(() -> ProblemException.invalidTransition("Case " + c.caseNo() + " has no agreement in force"));
        if (a.agreementType() != AgreementType.WRITTEN) {
            throw ProblemException.invalidTransition("An oral agreement has no 调解协议书; the case file records it");
        }
        List<PartyView> parties = parties(actor, c);
        byte[] pdf = render(doc -> agreementPages(doc, c, a, parties));
        audited(actor, c, "DOCUMENT_AGREEMENT");
        return pdf;
    }

    /** 卷宗: the whole case file. Not read-only: handlers' reveals and the download itself are audited. */
    @Transactional
    public byte[] dossier(Actor actor, long caseId) {
        CaseView c = disputes.get(actor, caseId);
        List<PartyView> parties = parties(actor, c);
        List<TimelineEntry> timeline = disputes.timeline(actor, caseId);
        // free text as the reader may read it: as written for handlers, the parties' data masked for anyone else
        UnaryOperator<String> text = disputes.textFor(actor, caseId);
        List<Session> sessions = mapper.sessions(caseId).stream().map(s -> new Session(s.at(), s.mediator(),
                s.level(), text.apply(s.note()), text.apply(s.attendees()), s.signedOn())).toList();
        List<FollowUp> followUps = mapper.followUps(caseId).stream().map(f -> new FollowUp(f.at(), f.actor(),
                f.fulfilled(), f.satisfied(), text.apply(f.note()))).toList();
        List<JudicialConfirmation> confirmations = mapper.confirmations(caseId).stream().map(j -> j.readAs(text))
                .toList();
        List<AgreementEntry> agreements = disputes.agreements(actor, caseId);
        // who acted, by their names (姓名) as a dossier names people; the system and removed accounts as they are
        List<String> people = new ArrayList<>();
        people.add(c.reportedBy());
        timeline.forEach(e -> people.add(e.actor()));
        sessions.forEach(s -> people.add(s.mediator()));
        followUps.forEach(f -> people.add(f.actor()));
        agreements.forEach(a -> people.add(a.resolvedBy()));
        Map<String, String> names = accounts.displayNames(people);
        Function<String, String> name = u -> "system".equals(u) ? "系统" : names.getOrDefault(u, u);
        String grid = c.gridCode() == null ? "" : regions.grid(c.gridCode()).map(g -> " " + g.name()).orElse("");
        byte[] pdf = render(doc -> {
            Font h1 = font(20, Font.BOLD);
            Paragraph cover = new Paragraph("矛盾纠纷调解卷宗", h1);
            cover.setAlignment(Element.ALIGN_CENTER);
            cover.setSpacingBefore(120);
            doc.add(cover);
            Paragraph no = new Paragraph("案件编号：" + c.caseNo() + "\n案由：" + c.title() + "\n" + c.villageName()
                    + "\n登记日期：" + day(c.reportedAt()) + (c.closedAt() == null ? "" : "\n结案日期：" + day(c.closedAt())),
                    font(13, Font.NORMAL));
            no.setAlignment(Element.ALIGN_CENTER);
            no.setSpacingBefore(40);
            doc.add(no);
            doc.newPage();
            heading(doc, "一、纠纷受理登记表");
            PdfPTable reg = table(2, new float[] {1, 3});
            kv(reg, "案件编号", c.caseNo());
            kv(reg, "纠纷名称", c.title());
            kv(reg, "纠纷类别", c.category().name() + (c.subCategory() == null ? "" : " / " + c.subCategory().name()));
            kv(reg, "发生地", c.villageName() + grid + "（" + (c.gridCode() != null ? c.gridCode() : c.villageCode())
                    + "）");
            kv(reg, "来源", source(c.source().name()));
            kv(reg, "风险等级", risk(c.riskLevel().name()));
            kv(reg, "登记人 / 时间", name.apply(c.reportedBy()) + " / " + time(c.reportedAt()));
            kv(reg, "受理时间", time(c.acceptedAt()));
            kv(reg, "调解层级", LedgerService.level(c.level().name()));
            kv(reg, "当前状态", words.status(c.status().name(), Locale.SIMPLIFIED_CHINESE));
            kv(reg, "纠纷简要情况", c.description());
            doc.add(reg);
            partiesTable(doc, parties);
            heading(doc, "二、调解笔录");
            if (sessions.isEmpty()) {
                doc.add(new Paragraph("（无）", body()));
            }
            int i = 1;
            for (Session s : sessions) {
                doc.add(new Paragraph("第" + i++ + "次调解　" + time(s.at()) + "　调解员：" + name.apply(s.mediator()) + "　层级："
                        + LedgerService.level(s.level()) + (s.attendees() == null ? "" : "　参加人员：" + s.attendees()),
                        font(11, Font.BOLD)));
                doc.add(new Paragraph(s.note(), body()));
                doc.add(new Paragraph(s.signedOn() != null
                        ? "（本次笔录已由当事人、调解员于" + DAY.format(s.signedOn()) + "签字，纸质笔录存档）"
                        : "当事人签名：______________　调解员签名：______________", small()));
            }
            heading(doc, "三、调解协议");
            if (agreements.isEmpty()) {
                doc.add(new Paragraph("（尚未达成协议）", body()));
            }
            int n = 1;
            for (AgreementEntry a : agreements) {
                if (agreements.size() > 1) {
                    doc.add(new Paragraph("第" + n++ + "份协议　" + time(a.resolvedAt()) + "　调解员：" + name.apply(a.resolvedBy())
                            + "　层级：" + LedgerService.level(a.level().name())
                            + (a.inForce() ? "" : "　（回访时未履行，已重新调解）"), font(11, Font.BOLD)));
                }
                if (a.agreementType() == AgreementType.WRITTEN) {
                    agreementBody(doc, c, a, parties);
                } else {
                    section(doc, "口头协议（记录在案）", a.agreementText());
                }
            }
            heading(doc, "四、回访记录");
            if (followUps.isEmpty()) {
                doc.add(new Paragraph("（无）", body()));
            }
            for (FollowUp f : followUps) {
                doc.add(new Paragraph(time(f.at()) + "　回访人：" + name.apply(f.actor()) + "　协议" + (f.fulfilled() ? "已履行" : "未履行")
                        + "，当事人" + (f.satisfied() ? "满意" : "不满意") + (f.note() == null ? "" : "。" + f.note()), body()));
            }
            heading(doc, "五、司法确认");
            if (confirmations.isEmpty()) {
                doc.add(new Paragraph("（未申请）", body()));
            }
            for (JudicialConfirmation j : confirmations) {
                doc.add(new Paragraph(j.appliedOn() + " 由 " + j.applicants() + " 向 " + j.court() + " 申请司法确认；"
                        + (j.result() == null ? "待法院答复。" : ("CONFIRMED".equals(j.result()) ? "法院裁定确认有效" : "法院裁定驳回申请")
                                + "（" + j.resultOn() + (j.rulingNo() == null ? "" : "，" + j.rulingNo()) + "）"
                                + (j.resultNote() == null ? "" : "：" + j.resultNote()) + "。"), body()));
            }
            heading(doc, "六、办理过程");
            PdfPTable t = table(4, new float[] {2.2f, 1.6f, 2f, 5f});
            for (String h : List.of("时间", "操作人", "操作", "说明")) {
                header(t, h);
            }
            for (TimelineEntry e : timeline) {
                cell(t, time(e.at()));
                cell(t, name.apply(e.actor()));
                cell(t, words.action(e.action(), Locale.SIMPLIFIED_CHINESE)
                        + (e.toStatus() == null || e.toStatus() == e.fromStatus() ? ""
                                : " → " + words.status(e.toStatus().name(), Locale.SIMPLIFIED_CHINESE)));
                String note = words.note(e, Locale.SIMPLIFIED_CHINESE);
                cell(t, note == null ? "" : note);
            }
            doc.add(t);
        });
        audited(actor, c, "DOCUMENT_DOSSIER");
        return pdf;
    }

    private void agreementPages(Document doc, CaseView c, AgreementEntry a, List<PartyView> parties)
            throws DocumentException {
        Paragraph title = new Paragraph("人民调解协议书", font(20, Font.BOLD));
        title.setAlignment(Element.ALIGN_CENTER);
        doc.add(title);
        Paragraph no = new Paragraph("编号：" + c.caseNo(), small());
        no.setAlignment(Element.ALIGN_RIGHT);
        doc.add(no);
        partiesTable(doc, parties);
        agreementBody(doc, c, a, parties);
    }

    /**
     * Art. 35: facts and issues, responsibilities, rights and obligations, how/where/when performed, signatures. An
     * agreement entered by its parts prints each under its heading; one entered as a single text (through the API, or
     * before the parts were kept) prints it under the rights and obligations, with the case's report as its facts.
     */
    private void agreementBody(Document doc, CaseView c, AgreementEntry a, List<PartyView> parties)
            throws DocumentException {
        boolean byParts = a.obligations() != null;
        section(doc, "纠纷主要事实、争议事项", a.facts() != null ? a.facts() : c.title() + "。" + c.description());
        if (byParts) {
            if (a.responsibility() != null) {
                section(doc, "各方当事人的责任", a.responsibility());
            }
            section(doc, "经调解自愿达成的协议内容（权利和义务）", a.obligations());
        } else {
            section(doc, "各方当事人的责任及经调解自愿达成的协议内容（权利和义务）", a.agreementText());
        }
        String fulfilment = a.fulfilment() == Fulfilment.IMMEDIATE
                ? "即时履行：双方于协议签订时当场履行完毕。" : "分期/延后履行：按上述协议内容约定的方式、地点和期限履行。";
        section(doc, "履行协议的方式、地点、期限", a.performance() != null ? a.performance() : fulfilment);
        String committee = committee(c, a);
        section(doc, "其他", (a.otherTerms() == null ? "" : a.otherTerms() + "\n")
                + "本协议经双方当事人签名（盖章或按指印）、人民调解员签名并加盖" + committee + "印章后生效，具有法律约束力，"
                + "当事人应当按照约定履行。双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。"
                + "本协议一式" + count(parties.size() + 1) + "份，当事人各执一份，" + committee + "留存一份。");
        doc.add(new Paragraph(" ", body()));
        PdfPTable sign = table(2, new float[] {1, 1});
        for (PartyView p : parties) {
            cell(sign, role(p.role().name()) + "（签名/按指印）：");
            cell(sign, "日期：　　年　　月　　日");
        }
        cell(sign, "人民调解员（签名）：");
        cell(sign, "日期：　　年　　月　　日");
        doc.add(sign);
        Paragraph seal = new Paragraph(committee + "（印章）\n" + DAY.format(a.signedDay(Period.ZONE)), body());
        seal.setAlignment(Element.ALIGN_RIGHT);
        seal.setSpacingBefore(24);
        doc.add(seal);
    }

    /**
     * The 人民调解委员会 that signs: the committee of the region at the agreement's level (交口乡人民调解委员会), or
     * the configured name as it is when it names a committee of its own.
     */
    private String committee(CaseView c, AgreementEntry a) {
        if (!DEFAULT_COMMITTEE.equals(properties.committee())) {
            return properties.committee();
        }
        String village = c.villageCode();
        String code = switch (a.level()) {
            case VILLAGE -> village;
            case TOWNSHIP -> village.substring(0, 9);
            case COUNTY -> village.substring(0, 6);
        };
        return regions.find(code).map(r -> committeeOf(r.name())).orElse(DEFAULT_COMMITTEE);
    }

    /**
     * A region's 人民调解委员会 by its usual name: a village's registered name ends in 村民委员会 or 居民委员会
     * (交口村村民委员会), its committee is 交口村人民调解委员会; a township's or county's name is taken as it is.
     */
    static String committeeOf(String regionName) {
        String name = regionName;
        if (name.endsWith("村民委员会")) {
            name = name.substring(0, name.length() - "村民委员会".length());
            name = name.endsWith("村") ? name : name + "村";
        } else if (name.endsWith("居民委员会")) {
            name = name.substring(0, name.length() - "居民委员会".length());
            name = name.endsWith("社区") ? name : name + "社区";
        }
        return name + DEFAULT_COMMITTEE;
    }

    /** A count of copies in words (一式三份), as documents write them. */
    static String count(int n) {
        String[] digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        if (n < 10) {
            return n == 2 ? "两" : digits[n];
        }
        if (n < 100) {
            return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        }
        return String.valueOf(n);
    }

    private void partiesTable(Document doc, List<PartyView> parties) throws DocumentException {
        heading(doc, "当事人基本情况");
        PdfPTable t = table(4, new float[] {1.3f, 1.5f, 3f, 2f});
        for (String h : List.of("身份", "姓名", "身份证号码", "联系电话")) {
            header(t, h);
        }
        for (PartyView p : parties) {
            cell(t, role(p.role().name()));
            cell(t, p.name());
            cell(t, p.idNumber() == null ? "" : p.idNumber());
            cell(t, p.phone() == null ? "" : p.phone());
        }
        doc.add(t);
    }

    /** Unmasked for handlers (each reveal audited by the dispute module), masked for everyone else. */
    private List<PartyView> parties(Actor actor, CaseView c) {
        if (actor.revealsParties()) {
            List<PartyView> full = new ArrayList<>();
            for (PartyView p : c.parties()) {
                full.add(disputes.reveal(actor, c.id(), p.id()));
            }
            return full;
        }
        return c.parties();
    }

    private void audited(Actor actor, CaseView c, String action) {
        audit.record(AuditEvent.of(actor.username(), actor.roleName(), action).target("DISPUTE", c.id())
                .region(c.gridCode() != null ? c.gridCode() : c.villageCode()).detail(c.caseNo()));
    }

    private interface Pages {
        void write(Document doc) throws DocumentException;
    }

    private byte[] render(Pages pages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("人民调解");
            doc.addCreator("Sanling");
            doc.open();
            pages.write(doc);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The first configured CJK font that can be read, loaded once. */
    BaseFont baseFont() {
        BaseFont f = font;
        if (f != null) {
            return f;
        }
        synchronized (this) {
            if (font == null) {
                for (String spec : properties.fonts()) {
                    String path = spec.contains(",") ? spec.substring(0, spec.lastIndexOf(',')) : spec;
                    if (!Files.isReadable(Path.of(path))) {
                        continue;
                    }
                    try {
                        font = BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                        log.info("Case documents use the font {}", spec);
                        break;
                    } catch (DocumentException | IOException e) {
                        log.warn("Cannot use font {}: {}", spec, e.getMessage());
                    }
                }
                if (font == null) {
                    throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "no-cjk-font",
                            "No CJK font for PDF documents: install fonts-noto-cjk or set sanling.documents.fonts",
                            null);
                }
            }
            return font;
        }
    }

    private Font font(float size, int style) {
        return new Font(baseFont(), size, style);
    }

    private Font body() {
        return font(11, Font.NORMAL);
    }

    private Font small() {
        return font(9, Font.NORMAL);
    }

    private void heading(Document doc, String text) throws DocumentException {
        Paragraph p = new Paragraph(text, font(13, Font.BOLD));
        p.setSpacingBefore(12);
        p.setSpacingAfter(6);
        doc.add(p);
    }

    private void section(Document doc, String title, String text) throws DocumentException {
        heading(doc, title);
        Paragraph p = new Paragraph(text == null ? "" : text, body());
        p.setFirstLineIndent(22);
        p.setLeading(18);
        doc.add(p);
    }

    private static PdfPTable table(int columns, float[] widths) {
        PdfPTable t = new PdfPTable(columns);
        t.setWidthPercentage(100);
        try {
            t.setWidths(widths);
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
        t.setSpacingAfter(6);
        return t;
    }

    private void kv(PdfPTable t, String key, String value) {
        header(t, key);
        cell(t, value == null ? "" : value);
    }

    private void header(PdfPTable t, String text) {
        PdfPCell c = new PdfPCell(new Phrase(text, font(10, Font.BOLD)));
        c.setBackgroundColor(new Color(0xF0, 0xF0, 0xF0));
        c.setPadding(4);
        t.addCell(c);
    }

    private void cell(PdfPTable t, String text) {
        PdfPCell c = new PdfPCell(new Phrase(new Chunk(text == null ? "" : text, font(10, Font.NORMAL))));
        c.setPadding(4);
        t.addCell(c);
    }

    private static String role(String role) {
        return switch (role) {
            case "APPLICANT" -> "申请人";
            case "RESPONDENT" -> "被申请人";
            default -> "其他当事人";
        };
    }

    private static String source(String s) {
        return switch (s) {
            case "VISIT" -> "走访发现";
            case "WALK_IN" -> "来访";
            case "HOTLINE" -> "12345 热线";
            case "POLICE_110" -> "110 警情";
            case "ONLINE" -> "网上受理";
            default -> s;
        };
    }

    private static String risk(String level) {
        return switch (level) {
            case "RED" -> "红色";
            case "ORANGE" -> "橙色";
            case "YELLOW" -> "黄色";
            case "BLUE" -> "蓝色";
            default -> level;
        };
    }

    private static String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
