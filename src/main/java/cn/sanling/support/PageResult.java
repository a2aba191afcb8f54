package cn.sanling.support;

import java.util.List;

/** One page of a list answer: {@code {items, page, size, total}}, page 0-based. */
public record PageResult<T>(List<T> items, int page, int size, long total) {
}
