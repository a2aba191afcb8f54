package cn.sanling.region;

/** A node of the organisation tree: a region or a grid. */
public record Region(String code, String name, RegionLevel level, String parentCode) {
}
