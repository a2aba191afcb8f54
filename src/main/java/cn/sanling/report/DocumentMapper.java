package cn.sanling.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The case-file parts the documents need (a read model), and the 司法确认 records this module owns. */
@Mapper
interface DocumentMapper {

    List<Session> sessions(@Param("caseId") long caseId);

    List<FollowUp> followUps(@Param("caseId") long caseId);

    List<JudicialConfirmation> confirmations(@Param("caseId") long caseId);

    JudicialConfirmation confirmation(@Param("caseId") long caseId, @Param("id") long id);

    void insertConfirmation(JudicialConfirmation.Row row);

    int recordResult(@Param("id") long id, @Param("result") String result, @Param("resultOn") LocalDate resultOn,
            @Param("rulingNo") String rulingNo, @Param("note") String note, @Param("by") String by,
            @Param("expectedVersion") int expectedVersion);

    /** 调解笔录 */
    record Session(Instant at, String mediator, String level, String note, String attendees,
            java.time.LocalDate signedOn) {
    }

    /** 回访记录 */
    record FollowUp(Instant at, String actor, boolean fulfilled, boolean satisfied, String note) {
    }
}
