package cn.sanling.account;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.region.Grid;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.region.Scope;
import cn.sanling.support.ProblemException;

/**
 * The ADMIN's grids (SPEC §2: users, grids): the grids of a village, a new grid (its code the village's code and three
 * digits, the next free one unless given), a new name. Grids are not removed: households, visits and cases keep
 * their grid. Every change is audited. A new grid is found at once on this node and within a minute on the others
 * (the grid cache of RegionMapper.xml).
 */
@Service
public class GridAdministration {

    private final RegionService regions;
    private final AuditLog audit;

    GridAdministration(RegionService regions, AuditLog audit) {
        this.regions = regions;
        this.audit = audit;
    }

    /** What an administrator sends for a new grid; {@code code} may be left out. */
    public record NewGrid(String villageCode, String name, String code) {
    }

    /** The grids of a village, by code; 404 if there is no such village. */
    @Transactional(readOnly = true)
    public List<Grid> grids(String villageCode) {
        Region village = village(villageCode).orElseThrow(() -> ProblemException.notFound("Village " + villageCode));
        return regions.grids(village.code(), Scope.all());
    }

    /** One grid by its code; 404 if there is none. */
    @Transactional(readOnly = true)
    public Grid grid(String code) {
        return regions.grid(code).orElseThrow(() -> ProblemException.notFound("Grid " + code));
    }

    @Transactional
    public Grid create(Actor admin, NewGrid g) {
        admin.requireAdmin("manage grids");
        if (g == null || g.villageCode() == null || g.villageCode().isBlank()) {
            throw ProblemException.badRequest("villageCode", "required");
        }
        Region village = village(g.villageCode().strip()).orElseThrow(
                () -> ProblemException.badRequest("villageCode", "unknown village or outside your area"));
        String name = name(g.name());
        String code;
        if (g.code() == null || g.code().isBlank()) {
            String last = regions.lastGridCode(village.code());
            int next = last == null ? 1 : Integer.parseInt(last.substring(12)) + 1;
            if (next > 999) {
                throw ProblemException.conflict("Village " + village.code() + " has 999 grids already");
            }
            code = village.code() + String.format("%03d", next);
        } else {
            code = g.code().strip();
            if (!code.matches("\\d{15}") || !code.startsWith(village.code()) || code.endsWith("000")) {
                throw ProblemException.badRequest("code", "the village's code and three digits (001-999)");
            }
        }
        try {
            regions.addGrids(List.of(new Grid(code, village.code(), name)));
        } catch (DuplicateKeyException taken) {
            throw ProblemException.conflict("Grid " + code + " exists already");
        }
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "GRID_CREATE").target("GRID", code)
                .region(code).detail(name));
        return new Grid(code, village.code(), name);
    }

    @Transactional
    public Grid rename(Actor admin, String code, String newName) {
        admin.requireAdmin("manage grids");
        Grid before = regions.grid(code).orElseThrow(() -> ProblemException.notFound("Grid " + code));
        String name = name(newName);
        regions.renameGrid(code, name);
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "GRID_UPDATE").target("GRID", code)
                .region(code).detail(before.name() + " → " + name));
        return new Grid(code, before.villageCode(), name);
    }

    /** The name of a village, so the administrator sees which one a code is; empty if there is no such village. */
    public Optional<String> villageName(String code) {
        return village(code).map(Region::name);
    }

    private Optional<Region> village(String code) {
        return regions.find(code).filter(r -> r.level() == RegionLevel.VILLAGE);
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw ProblemException.badRequest("name", "required");
        }
        if (n.length() > 100) {
            throw ProblemException.badRequest("name", "at most 100 characters");
        }
        return n;
    }
}
