package cn.sanling.region;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.support.ProblemException;

/** The organisation tree: lookups, navigation within a scope, and bulk loading of grids and households. */
@Service
public class RegionService {

    private static final int BATCH = 500;
    private static final int LOOKUP = 1000;

    private final RegionMapper mapper;

    RegionService(RegionMapper mapper) {
        this.mapper = mapper;
    }

    /** A region or grid by code. */
    public Optional<Region> find(String code) {
        if (RegionLevel.ofCode(code) == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mapper.find(code));
    }

    /** The regions and grids (level GRID) among {@code codes}, by code; codes not found are left out. */
    public Map<String, Region> findAll(Collection<String> codes) {
        List<String> wellFormed = codes.stream().filter(c -> RegionLevel.ofCode(c) != null).distinct().toList();
        Map<String, Region> found = new HashMap<>();
        for (int i = 0; i < wellFormed.size(); i += LOOKUP) {
            mapper.findAll(wellFormed.subList(i, Math.min(i + LOOKUP, wellFormed.size())))
                    .forEach(r -> found.put(r.code(), r));
        }
        return found;
    }

    /** Adds regions (not grids: {@link #addGrids}); a parent must come before its children in the list. */
    @Transactional
    public void addRegions(List<Region> added) {
        for (int i = 0; i < added.size(); i += BATCH) {
            mapper.insertRegions(added.subList(i, Math.min(i + BATCH, added.size())));
        }
    }

    /** Renames a region (not a grid: {@link #renameGrid}); false if there is no such region. */
    @Transactional
    public boolean renameRegion(String code, String name) {
        return mapper.renameRegion(code, name) == 1;
    }

    /** A region or grid that the scope may navigate, else 404 (outside scope does not exist). */
    public Region require(String code, Scope scope) {
        return find(code).filter(r -> scope.canNavigate(r.code()))
                .orElseThrow(() -> ProblemException.notFound("Region " + code));
    }

    /** A region or grid inside the scope (a place records may be attached to), else 404. */
    public Region requireCovered(String code, Scope scope) {
        return find(code).filter(r -> scope.covers(r.code()))
                .orElseThrow(() -> ProblemException.notFound("Region " + code));
    }

    /** Children of a navigable node (grids for a village) that the scope may navigate. */
    public List<Region> children(String code, Scope scope) {
        require(code, scope);
        return mapper.children(code).stream().filter(r -> scope.canNavigate(r.code())).toList();
    }

    public Optional<Grid> grid(String code) {
        return RegionLevel.ofCode(code) == RegionLevel.GRID ? Optional.ofNullable(mapper.findGrid(code)) : Optional.empty();
    }

    /** The grids under {@code prefix} (null: all) that the scope covers, ordered by code. */
    public List<Grid> grids(String prefix, Scope scope) {
        return mapper.grids(scope, prefix);
    }

    /** All villages under a region code prefix, ordered by code. */
    public List<Region> villagesUnder(String prefix) {
        return mapper.villages(prefix);
    }

    /** The codes of the counties under a region code prefix (a city, the province), ordered. */
    public List<String> countyCodesUnder(String prefix) {
        return mapper.countyCodes(prefix);
    }

    public long gridCount() {
        return mapper.countGrids();
    }

    public long householdCount() {
        return mapper.countHouseholds();
    }

    @Transactional
    public void addGrids(List<Grid> grids) {
        for (int i = 0; i < grids.size(); i += BATCH) {
            mapper.insertGrids(grids.subList(i, Math.min(i + BATCH, grids.size())));
        }
    }

    /** The highest grid code of a village; null if it has none. */
    public String lastGridCode(String villageCode) {
        return mapper.lastGridCode(villageCode);
    }

    /** Renames a grid; false if there is no such grid. */
    @Transactional
    public boolean renameGrid(String code, String name) {
        return mapper.renameGrid(code, name) == 1;
    }

    @Transactional
    public void addHouseholds(List<Household> households) {
        for (int i = 0; i < households.size(); i += BATCH) {
            mapper.insertHouseholds(households.subList(i, Math.min(i + BATCH, households.size())));
        }
    }
}
