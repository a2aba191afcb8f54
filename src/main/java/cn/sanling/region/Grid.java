package cn.sanling.region;

/** A grid (网格) of a village. */
public record Grid(String code, String villageCode, String name) {
}
