package com.aiceo.web;

import java.util.List;

/** A page of a list, as api.md answers every list: {@code {items, page, size, total}}. */
public record PageOf<T>(List<T> items, int page, int size, long total) {

    public static <T> PageOf<T> of(List<T> items, Paging paging, long total) {
        return new PageOf<>(items, paging.page(), paging.size(), total);
    }
}
