/**
 * Demo data (only with {@code sanling.demo.enabled}): grids and households for the 三门峡 organisation, the demo
 * accounts of SPEC §9 and a few hundred cases, created through the modules' public services.
 */
package cn.sanling.demo;
