package cn.sanling.region;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.support.FieldChecks;
import cn.sanling.support.PageResult;
import cn.sanling.support.ProblemException;
import cn.sanling.support.ProblemException.FieldError;

/**
 * Households (住户) of the grids: scoped reads, validated writes. Who may write and the audit trail are the
 * caller's business (the visit module, where grid workers register households); this keeps the table's rules.
 */
@Service
public class HouseholdService {

    public static final int MAX_PAGE_SIZE = 500;

    private final HouseholdMapper mapper;
    private final RegionService regions;
    private final Clock clock;

    HouseholdService(HouseholdMapper mapper, RegionService regions, Clock clock) {
        this.mapper = mapper;
        this.regions = regions;
        this.clock = clock;
    }

    /** What a grid worker enters for a household. {@code tags}: codes of {@link HouseholdTag}. */
    public record HouseholdInput(String gridCode, String address, String headName, Integer members, List<String> tags) {
    }

    /** Number of households of one grid. */
    public record GridCount(String gridCode, long households) {
    }

    /** The row as inserted (MyBatis fills in the id). */
    static final class NewRow {
        Long id;
        String gridCode;
        String address;
        String headName;
        int members;
        String tags;
        Instant createdAt;
    }

    /** A household inside the scope, else 404 (outside the scope it does not exist). */
    @Transactional(readOnly = true)
    public Household get(long id, Scope scope) {
        Household h = mapper.find(id);
        if (h == null || !scope.covers(h.gridCode())) {
            throw ProblemException.notFound("Household " + id);
        }
        return h;
    }

    /** One page of the households under {@code prefix} (a region or grid code; null: the whole scope). */
    @Transactional(readOnly = true)
    public PageResult<Household> list(Scope scope, String prefix, HouseholdTag tag, int page, int size) {
        FieldChecks.requirePaging(page, size, MAX_PAGE_SIZE);
        String t = tag == null ? null : tag.name();
        return new PageResult<>(mapper.list(scope, prefix, t, page * size, size), page, size,
                mapper.count(scope, prefix, t));
    }

    /** Households per grid under {@code prefix} within the scope, by grid code. */
    @Transactional(readOnly = true)
    public Map<String, Long> countByGrid(Scope scope, String prefix) {
        Map<String, Long> counts = new LinkedHashMap<>();
        mapper.countByGrid(scope, prefix).forEach(c -> counts.put(c.gridCode(), c.households()));
        return counts;
    }

    /** Registers a household in a grid the scope covers; 400 with field errors otherwise. */
    @Transactional
    public Household add(Scope scope, HouseholdInput in) {
        NewRow row = validate(scope, in);
        row.createdAt = clock.instant();
        mapper.insert(row);
        return mapper.find(row.id);
    }

    /** Replaces a household's details (it may move to another grid of the scope). */
    @Transactional
    public Household change(Scope scope, long id, HouseholdInput in) {
        get(id, scope);
        NewRow row = validate(scope, in);
        mapper.update(id, row.gridCode, row.address, row.headName, row.members, row.tags);
        return mapper.find(id);
    }

    /** Tags as stored (comma-separated) to codes. */
    public static List<String> tags(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return List.of(csv.split(","));
    }

    private NewRow validate(Scope scope, HouseholdInput in) {
        List<FieldError> errors = new ArrayList<>();
        NewRow row = new NewRow();
        if (in == null) {
            throw ProblemException.badRequest("gridCode", "required");
        }
        if (in.gridCode() == null || in.gridCode().isBlank()) {
            errors.add(new FieldError("gridCode", "required"));
        } else {
            row.gridCode = regions.grid(in.gridCode().strip()).filter(g -> scope.covers(g.code())).map(Grid::code)
                    .orElse(null);
            if (row.gridCode == null) {
                errors.add(new FieldError("gridCode", "unknown grid or outside your area"));
            }
        }
        row.address = text(errors, "address", in.address(), 200);
        row.headName = text(errors, "headName", in.headName(), 50);
        if (in.members() == null || in.members() < 1 || in.members() > 99) {
            errors.add(new FieldError("members", "between 1 and 99"));
        } else {
            row.members = in.members();
        }
        Set<HouseholdTag> tags = EnumSet.noneOf(HouseholdTag.class);
        if (in.tags() != null) {
            for (String t : in.tags()) {
                try {
                    tags.add(HouseholdTag.valueOf(t == null ? "" : t.strip()));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("tags", "must be among " + java.util.Arrays.toString(HouseholdTag.values())));
                    break;
                }
            }
        }
        row.tags = tags.isEmpty() ? null : tags.stream().map(Enum::name).collect(Collectors.joining(","));
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return row;
    }

    private static String text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
            return null;
        }
        if (v.chars().anyMatch(c -> c < 0x20)) {
            errors.add(new FieldError(field, "contains control characters"));
            return null;
        }
        return v;
    }
}
