package cn.sanling.dispute;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Case numbers {@code {county}-{year}-{6-digit sequence}}, gap-free per county and year: the counter row is
 * incremented inside the creating transaction and stays locked until it commits, so a rolled-back intake gives
 * its number back and concurrent intakes in one county queue on the row.
 */
@Component
class CaseNumbers {

    private final DisputeMapper mapper;

    CaseNumbers(DisputeMapper mapper) {
        this.mapper = mapper;
    }

    String next(String countyCode, int year) {
        if (mapper.bumpCounter(countyCode, year) == 0) {
            try {
                mapper.insertCounter(countyCode, year);
            } catch (DuplicateKeyException raced) {
                // another transaction created the row first; it is committed now, so bump it
                mapper.bumpCounter(countyCode, year);
            }
        }
        return format(countyCode, year, mapper.readCounter(countyCode, year));
    }

    static String format(String countyCode, int year, int sequence) {
        return String.format("%s-%d-%06d", countyCode, year, sequence);
    }
}
