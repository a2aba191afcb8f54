package cn.sanling.dispute;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.sanling.region.Scope;

@Mapper
interface DisputeMapper {

    // ---- the case ----

    void insert(DisputeRow row);

    DisputeRow find(@Param("id") long id);

    DisputeRow findByProcess(@Param("processInstanceId") String processInstanceId);

    /** The id of the case with this number; null if there is none. */
    Long idByCaseNo(@Param("caseNo") String caseNo);

    /** The case's risk level alone; null if there is no such case. */
    RiskLevel riskLevel(@Param("id") long id);

    /**
     * Writes a transition if nobody changed the case since {@code expectedVersion}; returns rows updated (0 or 1).
     * {@code ever_overdue} (是否超期, and not 按期化解) is only ever set: by an overdue row or a row whose
     * {@code deadlineMissed} is set. A missed follow-up (回访) of a RESOLVED case is not a late resolution and does not
     * set it.
     */
    int transition(@Param("row") DisputeRow row, @Param("expectedVersion") int expectedVersion);

    /** Completes a new case: its number (drawn last, see {@link CaseNumbers}) and its process instance. */
    void setNumberAndProcess(@Param("id") long id, @Param("caseNo") String caseNo,
            @Param("processInstanceId") String processInstanceId);

    /** Mirrors the open user task of the process (a read model for the worklist; not a business change). */
    void mirrorTask(@Param("id") long id, @Param("task") String task, @Param("taskId") String taskId);

    List<DisputeRow> search(@Param("f") CaseFilter filter, @Param("scope") Scope scope);

    long count(@Param("f") CaseFilter filter, @Param("scope") Scope scope);

    /** Worklist rows: only the columns of a Views.TaskItem are filled. */
    List<DisputeRow> worklist(@Param("scope") Scope scope, @Param("tasks") Collection<String> tasks,
            @Param("level") CaseLevel level, @Param("limit") int limit);

    /** A supervisor's worklist: the cases in scope that need attention, as {@link #worklist} rows. */
    List<DisputeRow> attention(@Param("scope") Scope scope, @Param("limit") int limit);

    // ---- parties ----

    /** The parties of a new case, in one statement. */
    void insertParties(@Param("parties") List<PartyRow> parties);

    List<PartyRow> parties(@Param("ids") Collection<Long> disputeIds);

    /** Cases after {@code after} in id order whose masked parties (V18) are not written yet; at most {@code limit}. */
    List<Long> casesWithoutMaskedParties(@Param("after") long after, @Param("limit") int limit);

    /** How many earlier cases had at least two of these parties (by ID-number hash): a repeated dispute. */
    int countCasesWithParties(@Param("hashes") Collection<String> idHashes);

    // ---- history and side records ----

    void insertEvent(@Param("disputeId") long disputeId, @Param("at") Instant at, @Param("actor") String actor,
            @Param("action") String action, @Param("fromStatus") CaseStatus from, @Param("toStatus") CaseStatus to,
            @Param("level") CaseLevel level, @Param("note") String note);

    List<Views.TimelineEntry> timeline(@Param("id") long id);

    List<Views.SessionEntry> sessions(@Param("id") long id);

    List<Views.FollowUpEntry> followUps(@Param("id") long id);

    List<Views.SupervisionEntry> supervisions(@Param("id") long id);

    /** The case's agreements, oldest first; the last is in force while the case is RESOLVED or CLOSED. */
    List<Views.AgreementEntry> agreements(@Param("id") long id);

    /** Counts per child region: the first {@code digits} characters of the region code. */
    List<Views.RegionCount> countByRegion(@Param("f") CaseFilter filter, @Param("scope") Scope scope,
            @Param("digits") int digits);

    void insertSession(@Param("disputeId") long disputeId, @Param("at") Instant at, @Param("mediator") String mediator,
            @Param("level") CaseLevel level, @Param("note") String note, @Param("attendees") String attendees,
            @Param("signedOn") java.time.LocalDate signedOn);

    void insertAgreement(@Param("disputeId") long disputeId, @Param("a") Views.AgreementEntry agreement);

    void insertFollowUp(@Param("disputeId") long disputeId, @Param("at") Instant at, @Param("actor") String actor,
            @Param("fulfilled") boolean fulfilled, @Param("satisfied") boolean satisfied, @Param("note") String note);

    void insertSupervision(@Param("disputeId") long disputeId, @Param("at") Instant at,
            @Param("supervisor") String supervisor, @Param("automatic") boolean automatic, @Param("note") String note,
            @Param("dueAt") Instant dueAt);

    int answerSupervisions(@Param("disputeId") long disputeId, @Param("at") Instant at,
            @Param("responder") String responder, @Param("note") String note);

    void insertNotification(@Param("disputeId") long disputeId, @Param("at") Instant at,
            @Param("recipientRole") String recipientRole, @Param("recipientRegion") String recipientRegion,
            @Param("kind") String kind, @Param("message") String message);

    // ---- idempotency and numbering ----

    void claimIdempotencyKey(@Param("username") String username, @Param("key") String key, @Param("id") long id,
            @Param("at") Instant at);

    Long findIdempotentCase(@Param("username") String username, @Param("key") String key);

    /** Locks the case's row until the transaction ends (records kept beside the case, checked one at a time). */
    Long lockCase(@Param("id") long id);

    /** A plain (non-locking) read: does the counter row exist? */
    int counterExists(@Param("county") String county, @Param("year") int year);

    /** Increments the counter row and puts its new value in {@code draw.number}; 0 rows when the row is missing. */
    int drawNumber(CaseNumbers.Draw draw);

    void insertCounter(@Param("county") String county, @Param("year") int year);
}
