/**
 * Regions (统计用区划代码, province → village), grids (网格), households (住户), and the data-scope rule:
 * a user sees exactly the records whose region code starts with their scope code.
 */
package cn.sanling.region;
